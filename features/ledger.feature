Feature: The ledger records what every request cost
  Cost is tokens times the catalog's prices; free models cost nothing.

  Background:
    Given a catalog of models:
      | model      | free | quality | input price | output price |
      | free/first | yes  | 0.80    |             |              |
      | paid/best  | no   | 0.95    | 2.50        | 10.00        |

  Scenario: A paid answer costs its tokens times the catalog's prices
    Given the UNLIMITED profile
    And "paid/best" answers using 1200 prompt tokens and 300 completion tokens
    When a coder asks for "auto"
    Then the ledger records 1 request served by "paid/best" costing 0.006 USD
    And the response says it cost "0.006" USD

  Scenario: A free answer costs nothing
    Given the FREE profile
    And "free/first" answers using 5000 prompt tokens and 800 completion tokens
    When a coder asks for "auto"
    Then the ledger records 1 request served by "free/first" costing 0 USD
