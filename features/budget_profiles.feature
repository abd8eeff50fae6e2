Feature: Budget profiles decide whether money is spent
  A broke student must never pay; a company wants the best model whatever it costs.

  Background:
    Given a catalog of models:
      | model       | free | quality | input price | output price |
      | free/first  | yes  | 0.80    |             |              |
      | free/second | yes  | 0.60    |             |              |
      | paid/best   | no   | 0.95    | 2.50        | 10.00        |
      | paid/cheap  | no   | 0.70    | 0.15        | 0.60         |

  Scenario: Under FREE a paid model is never called, even when every free model fails
    Given the FREE profile
    And every free model is down
    And every paid model would answer
    When a coder asks for "auto"
    Then the coder gets an error that names the profile FREE
    And no paid model is called
    And every free model was tried

  Scenario: Under FREE a coder who pins a paid model is refused, and told why
    Given the FREE profile
    And every paid model would answer
    When a coder asks for "paid/best"
    Then the coder gets a 403 error saying "profile FREE never uses paid models"
    And no paid model is called

  Scenario: Under UNLIMITED the best-ranked model answers
    Given the UNLIMITED profile
    And every model would answer
    When a coder asks for "auto"
    Then the answer comes from "paid/best"

  Scenario: Under CAREFUL free models are tried before any paid one
    Given the CAREFUL profile
    And every model would answer
    When a coder asks for "auto"
    Then the answer comes from "free/first"
    And no paid model is called

  Scenario: Under FREE a user who opts in for one request may be served by a paid model, after every free one, and price still counts
    Given the FREE profile
    And every free model is down
    And every paid model would answer
    When a coder asks for "auto" opting in to paid models
    Then the answer comes from "paid/cheap"
    And every free model was tried
    And the ledger records why money was spent: "the user opted in"

  Scenario: Under CAREFUL a paid model serves only when no free model is good enough, and the ledger says why
    Given the CAREFUL profile
    And the catalog also has a weak free model "free/weak" with quality 0.30
    And only "free/weak" and "paid/cheap" may serve coding requests
    And every model would answer
    When a coder asks "Implement a function that parses ISO dates"
    Then the answer comes from "paid/cheap"
    And the ledger records why money was spent: "no usable free model reaches the quality bar 0.6"

  Scenario: A company's UNLIMITED profile does not let price decide
    Given the UNLIMITED profile
    And every model would answer
    When a coder asks "Implement a function that parses ISO dates"
    Then the answer comes from "paid/best"
    And the ledger records why money was spent: "profile UNLIMITED"
