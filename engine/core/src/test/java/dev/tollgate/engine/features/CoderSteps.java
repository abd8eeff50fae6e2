package dev.tollgate.engine.features;

import dev.tollgate.engine.TestGateway;
import dev.tollgate.engine.cli.TollgateCommand;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each coder sends, in its own wire API with the headers its public source sets (see
 * plugins/coders/src/test/resources/recordings for the sources), and what the ledger makes of it.
 */
public class CoderSteps {
    // ReportCommand.text: "  <key>  <n> requests  <spend> USD spent  <saved> USD saved  free <share>%"
    private static final Pattern REPORT_ROW = Pattern.compile("\\s+(\\S+)\\s+(\\d+) requests\\s+(\\S+) USD spent.*");
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

    @When("Gemini CLI sends a turn")
    public void geminiCliTurn() throws Exception {
        // packages/core/src/core/contentGenerator.ts: GeminiCLI/<version>/<model> (<platform>; <arch>; <surface>), x-goog-api-key.
        answered(world.ask("/v1beta/models/auto:streamGenerateContent?alt=sse", """
                {"systemInstruction": {"parts": [{"text": "You are an interactive CLI agent specializing in software engineering tasks."}]},
                 "contents": [{"role": "user", "parts": [{"text": "Explain the build"}]}],
                 "tools": [{"functionDeclarations": [{"name": "read_file", "description": "Reads a file",
                   "parametersJsonSchema": {"type": "object", "properties": {"absolute_path": {"type": "string"}}}}]}]}""",
                Map.of("User-Agent", "GeminiCLI/0.21.0/gemini-2.5-pro (linux; x64; terminal)", "x-goog-api-key", "tollgate")));
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

    /** Runs {@code tollgate report --by coder} as the user would and reads its "By coder:" lines. */
    @Then("the report splits them by coder:")
    public void reportByCoder(DataTable expected) throws Exception {
        world.gateway.ledger(world.answers().size());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TollgateCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute("report", "--by", "coder", "--period", "month",
                "--home", world.gateway.home().toString(), "--env-file", world.gateway.home().resolve(".env").toString());
        assertThat(status).as(err.toString()).isZero();
        String report = out.toString();
        assertThat(report).contains("By coder:");
        Map<String, String[]> lines = new LinkedHashMap<>();
        String byCoder = report.substring(report.indexOf("By coder:"), report.indexOf("Paid requests"));
        for (String line : byCoder.lines().skip(1).toList()) {
            Matcher row = REPORT_ROW.matcher(line);
            if (row.matches()) {
                lines.put(row.group(1), new String[] {row.group(2), row.group(3)});
            }
        }
        assertThat(lines.keySet()).as(report).containsExactlyInAnyOrderElementsOf(
                expected.asMaps().stream().map(want -> want.get("coder")).toList());
        for (Map<String, String> want : expected.asMaps()) {
            String[] got = lines.get(want.get("coder"));
            assertThat(Integer.parseInt(got[0])).as(report).isEqualTo(Integer.parseInt(want.get("requests")));
            assertThat(new BigDecimal(got[1])).as(report).isEqualByComparingTo(want.get("cost usd"));
        }
    }

    private static void answered(java.net.http.HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
