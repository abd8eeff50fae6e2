Feature: Keys and requests can make the profile stricter, never looser
  The profile is set once in config/; a gateway key can carry its own, and a request can ask for
  a stricter one. Between the key's (or global) profile and the request's, the more restrictive wins.

  Background:
    Given a catalog of models:
      | model      | free | quality | input price | output price |
      | free/first | yes  | 0.70    |             |              |
      | paid/best  | no   | 0.95    | 2.50        | 10.00        |
    And every model would answer

  Scenario: An intern's key is held to FREE while the company runs UNLIMITED
    Given the UNLIMITED profile
    And a gateway key "intern" with the FREE profile
    When the coder with key "intern" asks for "auto"
    Then the answer comes from "free/first"
    And no paid model is called

  Scenario: A request may ask for a stricter profile
    Given the UNLIMITED profile
    When a coder asks for "auto" under the FREE profile
    Then the answer comes from "free/first"

  Scenario: A request cannot loosen its key's profile
    Given the UNLIMITED profile
    And a gateway key "intern" with the FREE profile
    When the coder with key "intern" asks for "auto" under the UNLIMITED profile
    Then the answer comes from "free/first"
    And no paid model is called
