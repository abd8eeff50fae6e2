Feature: Free-tier quotas, rate limits and cooldowns
  Free tiers are the student's main resource: every free request a provider gives is used, and no
  limit is tripped blindly. A provider without room is skipped (and the reason kept), the next one
  is tried; a provider that says "wait" is not called again before its time.

  Background:
    Given a catalog of models:
      | model        | free | quality | input price | output price |
      | gemini/flash | yes  | 0.80    |             |              |
      | groq/llama   | yes  | 0.70    |             |              |
      | paid/best    | no   | 0.95    | 2.50        | 10.00        |
    And every model would answer
    And the FREE profile

  Scenario: When a provider's requests per minute are used up, the next provider serves
    Given the quotas:
      """
      quotas:
        providers:
          gemini: { rpm: 2 }
      """
    When a coder asks for "auto" 3 times
    Then the answers came from "gemini/flash, gemini/flash, groq/llama"
    And "gemini/flash" was called 2 times
    And the ledger shows "gemini/flash" skipped for quota: "provider:gemini rpm 2 used up"

  Scenario: A daily quota comes back at midnight in the provider's zone, not at midnight UTC
    Given the time is "2026-11-23T20:00:00Z"
    And the quotas:
      """
      quotas:
        providers:
          gemini:
            models:
              gemini/flash: { rpd: { limit: 2, reset: daily 00:00 America/Los_Angeles } }
      """
    When a coder asks for "auto" 3 times
    And the time is "2026-11-24T00:30:00Z"
    And a coder asks for "auto"
    And the time is "2026-11-24T07:59:00Z"
    And a coder asks for "auto"
    And the time is "2026-11-24T08:00:00Z"
    And a coder asks for "auto"
    Then the answers came from "gemini/flash, gemini/flash, groq/llama, groq/llama, groq/llama, gemini/flash"

  Scenario: A 429 with Retry-After cools the model down until the wait is over
    Given the time is "2026-11-23T10:00:00Z"
    And "gemini/flash" is rate limited for 30 seconds
    When a coder asks for "auto"
    And 10 seconds pass
    And a coder asks for "auto"
    Then the answers came from "groq/llama, groq/llama"
    And "gemini/flash" was called once
    And the ledger shows "gemini/flash" skipped for cooldown: "rate limited (HTTP 429)"
    When "gemini/flash" would answer
    And 21 seconds pass
    And a coder asks for "auto"
    Then the answer comes from "gemini/flash"

  Scenario: When every free provider is out of quota, FREE answers 429 with when to come back
    Given the time is "2026-11-23T10:00:00Z"
    And the quotas:
      """
      quotas:
        providers:
          gemini: { rpd: { limit: 1, reset: daily 00:00 UTC } }
          groq: { rpd: { limit: 1, reset: daily 00:00 UTC } }
      """
    When a coder asks for "auto" 3 times
    Then the coder gets a 429 with Retry-After 50400
    And no paid model is called

  Scenario: A gateway key's daily quota answers 429 with Retry-After, in the OpenAI error shape
    Given the time is "2026-11-23T22:00:00Z"
    And a gateway key "laptop" of team "students"
    And a gateway key "desktop" of team "students"
    And the quotas:
      """
      quotas:
        callers:
          each-key: { rpd: { limit: 2, reset: daily 00:00 UTC } }
          teams:
            students: { rpd: 3 }
      """
    When the coder with key "laptop" asks for "auto" 3 times
    Then the coder gets a 429 with Retry-After 7200
    And the coder gets a 429 error saying "key:laptop rpd 2"
    When the coder with key "desktop" asks for "auto" 2 times
    Then the coder gets a 429 error saying "team:students rpd 3 used up"
    And "gemini/flash" was called 3 times

  Scenario: Slow but thorough waits for the free provider's next slot instead of paying
    Given the time is "2026-11-23T10:00:00Z"
    And the CAREFUL profile
    And the quotas:
      """
      quotas:
        providers:
          gemini: { rpm: 1 }
          groq: { rpm: 1 }
        slow-but-thorough:
          profiles: [CAREFUL]
          max-wait-seconds: 120
      """
    When a coder asks for "auto" 3 times
    Then the answers came from "gemini/flash, groq/llama, gemini/flash"
    And no paid model is called
    And the gateway waited 60 seconds before each of the last 1 requests

  Scenario: Slow but thorough gives up after the maximum wait, and then fails as configured
    Given the time is "2026-11-23T10:00:00Z"
    And the CAREFUL profile
    And the quotas:
      """
      quotas:
        providers:
          gemini: { rpd: { limit: 1, reset: daily 00:00 UTC } }
          groq: { rpd: { limit: 1, reset: daily 00:00 UTC } }
        slow-but-thorough:
          profiles: [CAREFUL]
          max-wait-seconds: 120
          otherwise: fail
      """
    When a coder asks for "auto" 3 times
    Then the coder gets a 429 with Retry-After 50400
    And no paid model is called

  Scenario: Without slow but thorough, CAREFUL pays when the free quota is used up
    Given the time is "2026-11-23T10:00:00Z"
    And the CAREFUL profile
    And the quotas:
      """
      quotas:
        providers:
          gemini: { rpm: 1 }
          groq: { rpm: 1 }
      """
    When a coder asks for "auto" 3 times
    Then the answers came from "gemini/flash, groq/llama, paid/best"

  Scenario: Near a limit, requests are spread out instead of sent in a burst
    Given the time is "2026-11-23T10:00:00Z"
    And the quotas:
      """
      quotas:
        slowdown-at: 0.5
        providers:
          gemini: { rpm: 4 }
      """
    When a coder asks for "auto" 5 times
    Then the answers came from "gemini/flash, gemini/flash, gemini/flash, gemini/flash, gemini/flash"
    And the gateway waited 15 seconds before each of the last 2 requests
