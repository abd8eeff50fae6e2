Feature: The usage report adds up the ledger
  `tollgate report` and GET /admin/api/usage show spend, free-tier share, savings against a
  reference model, and the paid requests with their justifications; they suggest paying only when
  the ledger shows the need.

  Background:
    Given a catalog of models:
      | model      | free | quality | input price | output price |
      | free/first | yes  | 0.80    |             |              |
      | paid/best  | no   | 0.95    | 2.50        | 10.00        |

  Scenario: The report's numbers are sums over the ledger, and without evidence it recommends nothing
    Given the CAREFUL profile
    And "free/first" answers using 1000 prompt tokens and 200 completion tokens
    And "paid/best" answers using 1200 prompt tokens and 300 completion tokens
    When a coder asks for "auto" 3 times
    And a coder asks for "paid/best" 2 times
    Then the usage report by model, from the API and from the command line, equals the sums over the ledger
    And the usage report lists 2 paid requests with their justifications
    And the free requests saved what "paid/best" would have cost for their tokens
    And the report says no paid option is needed

  Scenario: Denied escalations under FREE are the evidence for a suggestion, with its monthly cost
    Given the FREE profile
    And the shipped classifier
    And free models are trusted with "medium" tasks at most
    And every model would answer
    When a coder asks "Design the architecture of a payment microservice" 3 times
    Then the report suggests a paid option for "complex architecture tasks (complexity)" with an estimated monthly cost
