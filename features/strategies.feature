Feature: Routing strategies chosen per route in config/routes.yaml

  Background:
    Given a catalog of models:
      | model       | free | quality | input price | output price |
      | free/first  | yes  | 0.80    |             |              |
      | free/second | yes  | 0.60    |             |              |
      | paid/best   | no   | 0.95    | 2.50        | 10.00        |
      | paid/cheap  | no   | 0.70    | 0.15        | 0.60         |
    And every model would answer

  Scenario: priority tries the candidates in the order the user wrote them
    Given the UNLIMITED profile
    And every request is routed by "priority" over "free/second, paid/cheap, paid/best"
    When a coder asks for "auto"
    Then the answer comes from "free/second"

  Scenario: cheapest-capable picks the cheapest model that can do the job
    Given the UNLIMITED profile
    And every request is routed by "cheapest-capable" over "paid/best, paid/cheap"
    When a coder asks for "auto"
    Then the answer comes from "paid/cheap"

  Scenario: capability-score weighs what the route cares about
    Given the UNLIMITED profile
    And "free/second" reasons best of all
    And every request is routed by "capability-score" weighing only reasoning
    When a coder asks for "auto"
    Then the answer comes from "free/second"

  Scenario: round-robin spreads requests over the candidates in turn
    Given the FREE profile
    And every request is routed by "round-robin" over "free/first, free/second"
    When a coder asks for "auto" 4 times
    Then the answers came from "free/first, free/second, free/first, free/second"

  Scenario: lowest-latency prefers the model that has been answering fastest
    Given the FREE profile
    And "free/first" takes 400 ms to answer
    And every request is routed by "lowest-latency" over "free/first, free/second"
    When a coder asks for "free/first" and then for "free/second"
    And a coder asks for "auto"
    Then the answer comes from "free/second"

  Scenario: an experiment splits sessions between arms, keeps each session in its arm, and records the arm
    Given the FREE profile
    And every request is routed by an experiment with arm "a" on "free/first" and arm "b" on "free/second"
    When 6 sessions each ask twice
    Then both arms served some sessions
    And every session was served by the same model both times
    And the ledger records each request's experiment arm
