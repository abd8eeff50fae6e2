Feature: Falling back when a provider fails
  A coder should see one good answer, not the failures behind it; but a request that is wrong
  is wrong everywhere and must not be retried elsewhere.

  Background:
    Given a catalog of models:
      | model       | free | quality | input price | output price |
      | free/first  | yes  | 0.80    |             |              |
      | free/second | yes  | 0.60    |             |              |
      | paid/best   | no   | 0.95    | 2.50        | 10.00        |

  Scenario: A rate-limited first choice falls back to the second
    Given the FREE profile
    And "free/first" is rate limited for 30 seconds
    And "free/second" would answer
    When a coder asks for "auto"
    Then the coder gets one successful answer from "free/second"
    And "free/first" was called once

  Scenario: A bad request is returned to the coder, not retried
    Given the UNLIMITED profile
    And "paid/best" rejects the request as bad: "Invalid value for 'temperature': must be between 0 and 2"
    And every free model would answer
    When a coder asks for "auto"
    Then the coder gets a 400 error saying "Invalid value for 'temperature'"
    And "paid/best" was called once
    And no free model is called
