Feature: Users add their own rules, and they apply without a restart

  Scenario: "Security tasks never go to free models" takes effect after a file edit
    Given a catalog of models:
      | model      | free | quality | input price | output price |
      | free/first | yes  | 0.80    |             |              |
      | paid/best  | no   | 0.95    | 2.50        | 10.00        |
    And every model would answer
    And the CAREFUL profile
    And the shipped classifier
    And the gateway is running
    When a coder asks "Review this code for an XSS vulnerability"
    Then the answer comes from "free/first"
    When the user adds the rule file "security.drl":
      """
      package tollgate.rules;

      import dev.tollgate.engine.policy.RequestFacts;
      import dev.tollgate.engine.policy.Candidate;
      import dev.tollgate.engine.policy.Ineligible;

      rule "Security tasks never go to free models"
      when
          RequestFacts(task == "security")
          $c : Candidate(free == true)
      then
          insert(new Ineligible($c.model(), "security tasks never go to free models"));
      end
      """
    And a coder asks "Review this code for an XSS vulnerability" once the policy has reloaded
    Then the answer comes from "paid/best"
    And the gateway was not restarted
