package dev.tollgate.engine.features;

import dev.tollgate.engine.TestGateway;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each coder sends, in its own wire API with the headers its public source sets (see
 * plugins/coders/src/test/resources/recordings for the sources), and what the ledger makes of it.
 */
public class CoderSteps {
    private static final String READ_TOOL_ANTHROPIC = """
            {"name": "Read", "description": "Reads a file", "input_schema": {"type": "object",
             "properties": {"file_path": {"type": "string"}}, "required": ["file_path"]}}""";
    private static final String READ_TOOL_OPENAI = """
            {"type": "function", "function": {"name": "read_file", "description": "Reads a file",
             "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}}}""";
    private static final Map<String, String> CLAUDE_CODE = Map.of("User-Agent", "claude-cli/2.0.14 (external, cli)",
            "x-app", "cli", "anthropic-version", "2023-06-01", "anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14");

    private final ScenarioGateway world;

    public CoderSteps(ScenarioGateway world) {
        this.world = world;
    }

    @Given("the routes:")
    public void routes(String yaml) {
        world.gateway.configFile("routes.yaml", yaml);
    }

    @Given("{string} streams its answers")
    public void streams(String model) {
        world.gateway.upstreams().streams(world.model(model), List.of("All ", "done."), 20, 10, 0);
    }

    @Given("a gateway key {string} for the coder {string}")
    public void keyForCoder(String name, String coder) {
        world.gateway.gatewayKey(name, "coder: " + coder + "\n");
    }

    @When("Claude Code asks its small fast model for a session title")
    public void claudeCodeTitle() throws Exception {
        answered(world.ask("/v1/messages?beta=true", """
                {"model": "auto", "max_tokens": 512,
                 "system": [{"type": "text", "text": "You are coming up with a succinct title and git branch name for a coding session based on the provided description."}],
                 "messages": [{"role": "user", "content": "Fix the null check in parser.ts"}]}""", CLAUDE_CODE));
    }

    @When("Claude Code sends a main turn with its tools")
    public void claudeCodeMainTurn() throws Exception {
        answered(world.ask("/v1/messages?beta=true", """
                {"model": "auto", "max_tokens": 32000,
                 "system": [{"type": "text", "text": "You are Claude Code, Anthropic's official CLI for Claude.", "cache_control": {"type": "ephemeral"}}],
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "Fix the null check in parser.ts"}]}],
                 "tools": [%s]}""".formatted(READ_TOOL_ANTHROPIC), CLAUDE_CODE));
    }

    @When("Codex CLI sends a turn")
    public void codexTurn() throws Exception {
        answered(world.ask("/v1/responses", """
                {"model": "auto", "instructions": "You are a coding agent running in the Codex CLI, a terminal-based coding assistant.",
                 "input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Run the tests and fix what fails"}]}],
                 "tools": [{"type": "function", "name": "shell", "description": "Runs a command", "strict": false,
                            "parameters": {"type": "object", "properties": {"command": {"type": "array", "items": {"type": "string"}}}}}],
                 "tool_choice": "auto", "parallel_tool_calls": false, "store": false, "stream": true,
                 "include": ["reasoning.encrypted_content"]}""",
                Map.of("originator", "codex_exec", "User-Agent", "codex_exec/0.169.0 (Ubuntu 24.4.0; x86_64) xterm-256color")));
    }

    @When("Aider asks its weak model for a commit message")
    public void aiderCommitMessage() throws Exception {
        answered(world.ask("/v1/chat/completions", """
                {"model": "auto", "messages": [
                  {"role": "system", "content": "You are an expert software engineer that generates concise, one-line Git commit messages based on the provided diffs.\\nReview the provided context and diffs which are about to be committed to a git repo."},
                  {"role": "user", "content": "# Diffs:\\ndiff --git a/cli.py b/cli.py\\n+    parser.add_argument('--verbose')"}]}""",
                Map.of("User-Agent", "OpenAI/Python 1.99.9", "X-Stainless-Lang", "python")));
    }

    @When("Cline sends an act-mode turn")
    public void clineActTurn() throws Exception {
        answered(world.ask("/v1/chat/completions", """
                {"model": "auto", "stream": false, "messages": [
                  {"role": "system", "content": "You are Cline, a highly skilled software engineer with extensive knowledge in many programming languages."},
                  {"role": "user", "content": "<task>\\nAdd input validation to the signup form\\n</task>\\n<environment_details>\\n# Current Mode\\nACT MODE\\n</environment_details>"}],
                 "tools": [%s]}""".formatted(READ_TOOL_OPENAI),
                Map.of("User-Agent", "Cline/3.38.1", "X-Title", "Cline")));
    }

    @Then("the ledger records these requests:")
    public void ledgerRecords(DataTable expected) throws Exception {
        List<Map<String, Object>> rows = world.gateway.ledger(expected.height() - 1);
        List<String> recorded = new ArrayList<>();
        rows.forEach(row -> recorded.add(row.get("coder") + " | " + row.get("route") + " | " + row.get("model")));
        List<String> wanted = expected.asMaps().stream()
                .map(row -> row.get("coder") + " | " + row.get("route") + " | " + row.get("model")).toList();
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(wanted);
    }

    @Then("the spend splits by coder:")
    public void spendByCoder(DataTable expected) throws Exception {
        world.gateway.ledger(world.answers().size());
        List<Map<String, Object>> split = world.gateway.query(
                "SELECT coder, COUNT(*) AS requests, SUM(cost_usd) AS cost FROM requests GROUP BY coder ORDER BY coder");
        assertThat(split).hasSize(expected.height() - 1);
        for (int i = 0; i < split.size(); i++) {
            Map<String, String> want = expected.asMaps().get(i);
            Map<String, Object> got = split.get(i);
            assertThat(got.get("coder")).isEqualTo(want.get("coder"));
            assertThat(((Number) got.get("requests")).intValue()).isEqualTo(Integer.parseInt(want.get("requests")));
            assertThat(new BigDecimal(got.get("cost").toString())).isEqualByComparingTo(want.get("cost usd"));
        }
    }

    private static void answered(java.net.http.HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
