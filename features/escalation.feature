Feature: Escalation to a paid model happens only when policy allows it, and the ledger says why
  FREE never pays without the user's opt-in and tells the coder how to give it; CAREFUL escalates
  when a trigger calls for it and keeps a justification naming the trigger and the candidates tried.

  Background:
    Given a catalog of models:
      | model      | free | quality | input price | output price |
      | free/first | yes  | 0.80    |             |              |
      | paid/best  | no   | 0.95    | 2.50        | 10.00        |

  Scenario: Under FREE, when every free model fails, escalation is denied and the coder is told how to opt in
    Given the FREE profile
    And every free model is down
    And every paid model would answer
    When a coder asks for "auto"
    Then the coder gets a 503 error saying "send the header 'x-tollgate-allow-paid: true'"
    And the coder gets a 503 error saying "set 'allow-paid: true' for your key in keys.yaml, or for FREE in profiles.yaml"
    And no paid model is called
    And the ledger records a denied escalation with trigger "all_free_failed"

  Scenario: Under CAREFUL, a free answer that fails the quality gate escalates, and the justification names the trigger and the candidate tried
    Given the CAREFUL profile
    And "free/first" answers with an empty message
    And every paid model would answer
    When a coder asks for "auto"
    Then the answer comes from "paid/best"
    And the ledger records an escalation with trigger "quality_gate" naming "free/first" and "empty answer"

  Scenario: Under CAREFUL, when every free model fails, a paid model serves and the justification says why each failed
    Given the CAREFUL profile
    And every free model is down
    And every paid model would answer
    When a coder asks for "auto"
    Then the answer comes from "paid/best"
    And the ledger records an escalation with trigger "all_free_failed" naming "free/first" and "unavailable"

  Scenario: Under CAREFUL, a task above the free tier's complexity bar goes to a paid model first
    Given the CAREFUL profile
    And the shipped classifier
    And free models are trusted with "medium" tasks at most
    And every model would answer
    When a coder asks "Design the architecture of a payment microservice"
    Then the answer comes from "paid/best"
    And "free/first" was never called
    And the ledger records an escalation with trigger "complexity" naming "above the free tier's bar" and "estimated_extra_cost_usd"

  Scenario: Under FREE, a complex task stays on a free model and the ledger keeps the denied escalation as evidence
    Given the FREE profile
    And the shipped classifier
    And free models are trusted with "medium" tasks at most
    And every model would answer
    When a coder asks "Design the architecture of a payment microservice"
    Then the answer comes from "free/first"
    And no paid model is called
    And the ledger records a denied escalation with trigger "complexity"
