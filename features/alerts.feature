Feature: Spend alerts reach the user once per threshold
  Each alert threshold of a budget fires once per period, to the Camel endpoints the user named,
  with the spend, the budget, the top models and a month-end projection.

  Background:
    Given a catalog of models:
      | model      | free | quality | input price | output price |
      | free/first | yes  | 0.80    |             |              |
      | paid/best  | no   | 0.95    | 2.50        | 10.00        |

  Scenario: Each threshold fires once, to a file the user reads
    Given the UNLIMITED profile
    And a monthly budget of 0.02 USD for the UNLIMITED profile alerting at 50, 80 and 100 percent to a file, action warn-only
    And "paid/best" answers using 1200 prompt tokens and 300 completion tokens
    When a coder asks for "auto" 5 times
    Then the alert file holds one alert for each of 50, 80 and 100 percent
    And each alert names the spend, the budget of 0.02 USD, the top model "paid/best" and a month-end projection
