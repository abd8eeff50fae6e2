Feature: Every coder is recognised and routed by its own routes
  The user runs several coders against one gateway. Tollgate recognises each one from what it
  sends, routes its cheap side requests (titles, commit messages) to a free fast model and its
  main turns where the user's routes say, and the ledger splits the spend by coder.

  Background:
    Given a catalog of models:
      | model          | free | quality | input price | output price |
      | groq/fast      | yes  | 0.60    |             |              |
      | anthropic/sonnet | no | 0.95    | 3.00        | 15.00        |
      | openai/codex   | no   | 0.90    | 1.25        | 10.00        |
      | google/flash   | no   | 0.80    | 0.30        | 2.50         |
    And the UNLIMITED profile
    And every model would answer
    And "openai/codex" streams its answers
    And the routes:
      """
      routes:
        - name: side-requests          # every coder's titles, commit messages, summaries
          when: { side-request: true }
          strategy: priority
          candidates: [groq/fast]
        - name: claude-code-turns
          when: { coder: [claude-code] }
          strategy: priority
          candidates: [anthropic/sonnet]
        - name: codex-turns
          when: { coder: [codex-cli] }
          strategy: priority
          candidates: [openai/codex]
        - name: cline-acting
          when: { coder: [cline], mode: [act] }
          strategy: priority
          candidates: [google/flash]
        - name: everything-else
          strategy: priority
          candidates: [groq/fast]
      """

  Scenario: Side requests go to the free fast model, main turns where each coder's route says
    When Claude Code asks its small fast model for a session title
    And Claude Code sends a main turn with its tools
    And Codex CLI sends a turn
    And Aider asks its weak model for a commit message
    And Cline sends an act-mode turn
    Then the ledger records these requests:
      | coder       | route             | model            |
      | claude-code | side-requests     | groq/fast        |
      | claude-code | claude-code-turns | anthropic/sonnet |
      | codex-cli   | codex-turns       | openai/codex     |
      | aider       | side-requests     | groq/fast        |
      | cline       | cline-acting      | google/flash     |
    And the report splits them by coder:
      | coder       | requests | cost usd |
      | aider       | 1        | 0        |
      | claude-code | 2        | 0.00021  |
      | cline       | 1        | 0.000031 |
      | codex-cli   | 1        | 0.000125 |

  Scenario: Gemini CLI is recognised on the Gemini API ingress
    Given "groq/fast" streams its answers
    When Gemini CLI sends a turn
    Then the ledger records these requests:
      | coder      | route           | model     |
      | gemini-cli | everything-else | groq/fast |
    And the report splits them by coder:
      | coder      | requests | cost usd |
      | gemini-cli | 1        | 0        |

  Scenario: A client no adapter knows is served as unknown
    When a coder asks for "auto"
    Then the ledger records these requests:
      | coder   | route           | model     |
      | unknown | everything-else | groq/fast |

  Scenario: A gateway key can name its coder
    Given a gateway key "laptop" for the coder "cline"
    When the coder with key "laptop" asks for "auto"
    Then the ledger records these requests:
      | coder | route           | model     |
      | cline | everything-else | groq/fast |
