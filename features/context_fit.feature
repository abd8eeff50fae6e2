Feature: A prompt never goes to a model whose context window cannot hold it

  Scenario: A long prompt skips the small-context model even though it ranks first
    Given a catalog of models:
      | model       | free | quality | input price | output price | context window |
      | free/small  | yes  | 0.90    |             |              | 1000           |
      | free/large  | yes  | 0.60    |             |              | 128000         |
    And every model would answer
    And the FREE profile
    When a coder sends a prompt of about 5000 tokens
    Then the answer comes from "free/large"
    And "free/small" was never called

  Scenario: Under CAREFUL, a prompt no free model can read goes to a paid model that can, and the ledger says why
    Given a catalog of models:
      | model      | free | quality | input price | output price | context window |
      | free/small | yes  | 0.90    |             |              | 1000           |
      | paid/small | no   | 0.95    | 1.00        | 4.00         | 2000           |
      | paid/large | no   | 0.80    | 2.50        | 10.00        | 128000         |
    And every model would answer
    And the CAREFUL profile
    When a coder sends a prompt of about 5000 tokens
    Then the answer comes from "paid/large"
    And "free/small" was never called
    And "paid/small" was never called
    And the ledger records an escalation with trigger "context_too_long" naming "fits no free model's context window" and "paid/large"

  Scenario: Under FREE, a prompt no free model can read is refused with how to opt in, and the ledger keeps the denied escalation
    Given a catalog of models:
      | model      | free | quality | input price | output price | context window |
      | free/small | yes  | 0.90    |             |              | 1000           |
      | paid/large | no   | 0.80    | 2.50        | 10.00        | 128000         |
    And every model would answer
    And the FREE profile
    When a coder sends a prompt of about 5000 tokens
    Then the coder gets a 403 error saying "send the header 'x-tollgate-allow-paid: true'"
    And no paid model is called
    And the ledger records a denied escalation with trigger "context_too_long"
