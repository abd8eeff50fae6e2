Feature: Requests are classified before routing, and say what decided it
  The words and thresholds come from config/classifier.yaml; each classification names its signal.

  Background:
    Given a catalog of models:
      | model       | free | quality | input price | output price |
      | free/first  | yes  | 0.80    |             |              |
      | free/second | yes  | 0.60    |             |              |
    And every model would answer
    And the FREE profile
    And the shipped classifier

  Scenario: A security question is a complex security task, found by its keyword
    When a coder asks "Is this login form open to SQL injection?"
    Then the request was classified as a "complex" "security" task because of "keyword 'sql injection' in the last user message"

  Scenario: A short title request is a simple side request
    When a coder asks "Give this conversation a short title"
    Then the request was classified as a "simple" "titling" task because of "keyword 'short title' in the last user message"

  Scenario: The coder's own task header wins over keywords
    When a coder asks "Summarize the bug" with the task header "debugging"
    Then the request was classified as a "simple" "debugging" task because of "x-tollgate-task header"

  Scenario: A request with an image is a vision task and only goes to a model that can see
    Given "free/second" can read images
    When a coder sends an image asking "What does this diagram show?"
    Then the request was classified as a "simple" "vision" task because of "images in the request"
    And the answer comes from "free/second"
