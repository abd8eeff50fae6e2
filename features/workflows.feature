Feature: Workflows: one task to several workers, or through stages, with every result checked
  The same task goes to several models (or coders) and the best verified result is chosen; or each
  worker does one stage and hands a task card to the next. Every call a workflow makes is routed,
  held to the budget profile and written to the ledger like any other request.

  Background:
    Given a catalog of models:
      | model       | free | quality | input price | output price |
      | free/first  | yes  | 0.80    |             |              |
      | free/second | yes  | 0.75    |             |              |
      | paid/alpha  | no   | 0.90    | 1.00        | 2.00         |
      | paid/beta   | no   | 0.85    | 2.00        | 4.00         |
      | paid/gamma  | no   | 0.88    | 3.00        | 6.00         |
      | paid/judge  | no   | 0.95    | 0.50        | 1.00         |

  Scenario: Best-of-3 across models picks the judge's choice and records every cost
    Given the UNLIMITED profile
    And the workflow "best-answer":
      """
      kind: best-of
      workers:
        - { name: alpha, model: paid/alpha }
        - { name: beta, model: paid/beta }
        - { name: gamma, model: paid/gamma }
      selector: { judge: paid/judge }
      """
    And "paid/alpha" answers "Answer A" using 1000 prompt tokens and 500 completion tokens
    And "paid/beta" answers "Answer B" using 1000 prompt tokens and 250 completion tokens
    And "paid/gamma" answers "Answer C" using 2000 prompt tokens and 100 completion tokens
    And "paid/judge" answers "The best is [2]." using 400 prompt tokens and 10 completion tokens
    When the workflow "best-answer" runs with the task "Explain what a toll gate does"
    Then the run is "done" and its winner is "beta"
    And the run report says why: "scored by the judge paid/judge"
    And every worker and the judge cost what the ledger records for their calls
    And the run cost 0.01181 USD in all

  Scenario: A two-stage pipeline passes the first stage's task card to the second
    Given the FREE profile
    And the workflow "plan-then-write":
      """
      kind: pipeline
      stages:
        - { name: plan, model: free/first, instruction: "Plan this change: {task}", expect: a numbered plan }
        - { name: write, model: free/second, instruction: "Carry out this plan: {previous}", expect: the code }
      """
    And "free/first" answers "1. PLAN-STEP-ONE" using 100 prompt tokens and 20 completion tokens
    And "free/second" answers "Done as planned" using 100 prompt tokens and 20 completion tokens
    When the workflow "plan-then-write" runs with the task "Add a toll booth"
    Then the run is "done" and its winner is "write"
    And the task card of "plan" says "Plan this change: Add a toll booth"
    And the task card of "write" comes from "plan" and says "Carry out this plan: 1. PLAN-STEP-ONE"
    And "free/second" was asked with "1. PLAN-STEP-ONE"

  Scenario: A worker whose check fails is not chosen, even when the judge would prefer it
    Given the UNLIMITED profile
    And the workflow "checked":
      """
      kind: best-of
      workers:
        - { name: alpha, model: paid/alpha }
        - { name: beta, model: paid/beta }
      selector: { judge: paid/judge }
      check: grep -q PASSES
      """
    And "paid/alpha" answers "this one FAILS" using 100 prompt tokens and 10 completion tokens
    And "paid/beta" answers "this one PASSES" using 100 prompt tokens and 10 completion tokens
    And "paid/judge" answers "1" using 100 prompt tokens and 1 completion tokens
    When the workflow "checked" runs with the task "Write something that passes"
    Then the run is "done" and its winner is "beta"
    And worker "alpha" is "failed_check"
    And the run report says why: "alpha failed_check"
    And "paid/judge" was never called

  Scenario: Over its budget, a CAREFUL run stops before its next stage
    Given the CAREFUL profile
    And the workflow "capped":
      """
      kind: pipeline
      max-cost-usd: 0.001
      stages:
        - { name: draft, model: paid/alpha }
        - { name: polish, model: paid/beta, instruction: "Polish: {previous}" }
      """
    And "paid/alpha" answers "A draft" using 1000 prompt tokens and 500 completion tokens
    And "paid/beta" answers "Polished" using 100 prompt tokens and 10 completion tokens
    When the workflow "capped" runs with the task "Write the release notes"
    Then the run is "stopped-over-budget" and it has no winner
    And worker "polish" is "skipped"
    And the run report says why: "over budget: the run has spent $0.002 of its $0.001 cap"
    And "paid/beta" was never called

  Scenario: Under FREE a paid worker is refused and a free one wins
    Given the FREE profile
    And the workflow "mixed":
      """
      kind: best-of
      workers:
        - { name: paid, model: paid/alpha }
        - { name: free, model: free/first }
      """
    And "paid/alpha" answers "Paid answer" using 100 prompt tokens and 10 completion tokens
    And "free/first" answers "Free answer" using 100 prompt tokens and 10 completion tokens
    When the workflow "mixed" runs with the task "Say hello"
    Then the run is "done" and its winner is "free"
    And worker "paid" is "refused" because "profile FREE never uses paid models"
    And "paid/alpha" was never called

  Scenario: When the gateway refuses a CAREFUL run's worker for a budget, the run stops there
    Given the CAREFUL profile
    And a rule refuses "paid/alpha" because "the monthly budget of $10 is spent"
    And the workflow "budgeted":
      """
      kind: pipeline
      stages:
        - { name: draft, model: free/first }
        - { name: review, model: paid/alpha, instruction: "Review: {previous}" }
        - { name: polish, model: free/second, instruction: "Polish: {previous}" }
      """
    And "free/first" answers "A draft" using 100 prompt tokens and 10 completion tokens
    And "paid/alpha" answers "Reviewed" using 100 prompt tokens and 10 completion tokens
    And "free/second" answers "Polished" using 100 prompt tokens and 10 completion tokens
    When the workflow "budgeted" runs with the task "Write the release notes"
    Then the run is "stopped-over-budget" and it has no winner
    And worker "review" is "refused" because "the monthly budget of $10 is spent"
    And worker "polish" is "skipped"
    And "paid/alpha" was never called
    And "free/second" was never called

  Scenario: A scoring rule in DRL picks among the verified results
    Given the UNLIMITED profile
    And the workflow "shortest":
      """
      kind: best-of
      workers:
        - { name: alpha, model: paid/alpha }
        - { name: beta, model: paid/beta }
      selector: { rule: selectors/prefer-short-answers.drl }
      """
    And "paid/alpha" answers "A long and winding answer that goes on and on" using 100 prompt tokens and 40 completion tokens
    And "paid/beta" answers "Short." using 100 prompt tokens and 2 completion tokens
    When the workflow "shortest" runs with the task "Say it briefly"
    Then the run is "done" and its winner is "beta"
    And the run report says why: "scored by the rule selectors/prefer-short-answers.drl"

  Scenario: A score command picks among the verified results
    Given the UNLIMITED profile
    And the workflow "longest":
      """
      kind: best-of
      workers:
        - { name: alpha, model: paid/alpha }
        - { name: beta, model: paid/beta }
      selector: { score-command: wc -c }
      """
    And "paid/alpha" answers "A long and winding answer that goes on and on" using 100 prompt tokens and 40 completion tokens
    And "paid/beta" answers "Short." using 100 prompt tokens and 2 completion tokens
    When the workflow "longest" runs with the task "Say it at length"
    Then the run is "done" and its winner is "alpha"
    And the run report says why: "scored by the score command"
