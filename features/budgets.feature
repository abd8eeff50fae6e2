Feature: Budgets keep spend within what the user set
  A CAREFUL user gives a monthly budget; when a paid call would pass it, the request goes to a free
  model instead, and the ledger says why.

  Background:
    Given a catalog of models:
      | model      | free | quality | input price | output price |
      | free/first | yes  | 0.80    |             |              |
      | paid/cheap | no   | 0.70    | 0.15        | 0.60         |

  Scenario: Under CAREFUL over its monthly budget, a request a paid model would serve goes to a free one
    Given the CAREFUL profile
    And a monthly budget of 0.004 USD for the CAREFUL profile with action fallback-to-free
    And the catalog also has a weak free model "free/weak" with quality 0.30
    And only "free/weak" and "paid/cheap" may serve coding requests
    And every model would answer
    And "paid/cheap" answers using 1000 prompt tokens and 4000 completion tokens
    When a coder asks "Implement a function that parses ISO dates"
    And a coder asks "Implement a function that parses ISO times"
    Then the answers came from "paid/cheap, free/weak"
    And the ledger records that a budget sent the last request to a free model: "fallback-to-free: the monthly budget of profile CAREFUL (0.004 USD) is reached"

  Scenario: Over a block-paid budget, a coder who pins a paid model is refused with 402 and told which budget
    Given the CAREFUL profile
    And a monthly budget of 0.000001 USD for the CAREFUL profile with action block-paid
    And every model would answer
    When a coder asks for "paid/cheap"
    Then the coder gets a 402 error saying "over budget (block-paid: the monthly budget of profile CAREFUL"
    And no paid model is called

  Scenario: Over a fallback-to-free budget, a coder who pins a paid model is served by a free one
    Given the CAREFUL profile
    And a monthly budget of 0.000001 USD for the CAREFUL profile with action fallback-to-free
    And every model would answer
    When a coder asks for "paid/cheap"
    Then the answer comes from "free/first"
    And no paid model is called
    And the ledger records that a budget sent the last request to a free model: "the client asked for paid/cheap"
