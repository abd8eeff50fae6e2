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
