package dev.tollgate.engine.workflow;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A coder worker's git worktree: added on a fresh branch, its changes committed by Tollgate, its scratch files
 * removed, and removed itself at the end (the branch stays). Git runs as a command, as a user would run it.
 */
final class GitWorktree {
    private static final Duration GIT_LIMIT = Duration.ofMinutes(2);
    /** Commits are Tollgate's, whatever git identity (if any) the machine has. */
    static final Map<String, String> IDENTITY = Map.of(
            "GIT_AUTHOR_NAME", "Tollgate", "GIT_AUTHOR_EMAIL", "tollgate@localhost",
            "GIT_COMMITTER_NAME", "Tollgate", "GIT_COMMITTER_EMAIL", "tollgate@localhost");

    /** What the coder's change came to, once committed. */
    record Change(String commit, List<String> files, long lines, List<String> scratchRemoved) {
    }

    private final Path repo;
    private final Path dir;
    private final String branch;
    private final String base;

    private GitWorktree(Path repo, Path dir, String branch, String base) {
        this.repo = repo;
        this.dir = dir;
        this.branch = branch;
        this.base = base;
    }

    /** {@code git worktree add -b branch dir baseRef}. */
    static GitWorktree add(Path repo, Path dir, String branch, String baseRef) throws IOException, InterruptedException {
        String base = git(repo, "rev-parse", "--verify", baseRef + "^{commit}").strip();
        git(repo, "worktree", "add", "-b", branch, dir.toString(), base);
        return new GitWorktree(repo, dir, branch, base);
    }

    Path dir() {
        return dir;
    }

    String branch() {
        return branch;
    }

    /**
     * Removes the untracked files matching {@code scratch} (globs; without a '/' they match the file name anywhere),
     * commits everything else the coder changed (its own commits stay), and measures the change against the base.
     */
    Change commit(List<String> scratch, String message) throws IOException, InterruptedException {
        List<PathMatcher> matchers = scratch.stream()
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList();
        List<String> removed = new ArrayList<>();
        for (String untracked : lines(git(dir, "ls-files", "--others", "--exclude-standard"))) {
            Path relative = Path.of(untracked);
            boolean isScratch = matchers.stream().anyMatch(m -> m.matches(relative) || m.matches(relative.getFileName()));
            if (isScratch) {
                Files.deleteIfExists(dir.resolve(relative));
                removed.add(untracked);
            }
        }
        git(dir, "add", "-A");
        if (!git(dir, "status", "--porcelain").isBlank()) {
            git(dir, "commit", "-q", "--no-verify", "-m", message);
        }
        String head = git(dir, "rev-parse", "HEAD").strip();
        if (head.equals(base)) {
            return new Change(null, List.of(), 0, removed);
        }
        long lines = 0;
        for (String stat : lines(git(dir, "diff", "--numstat", base, head))) {
            String[] parts = stat.split("\t");
            // Binary files show "-": they count as one line each.
            lines += parts[0].equals("-") ? 1 : Long.parseLong(parts[0]) + Long.parseLong(parts[1]);
        }
        return new Change(head, lines(git(dir, "diff", "--name-only", base, head)), lines, removed);
    }

    /** {@code git worktree remove --force}: whatever the check built goes with it; the branch stays. */
    void remove() throws IOException, InterruptedException {
        try {
            git(repo, "worktree", "remove", "--force", dir.toString());
        } finally {
            git(repo, "worktree", "prune");
        }
    }

    private static List<String> lines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }

    static String git(Path where, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", where.toString()));
        command.addAll(List.of(args));
        ShellCommand.Outcome outcome = ShellCommand.run(command, where, IDENTITY, null, GIT_LIMIT);
        if (outcome.exitCode() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed (" + outcome.exitCode() + "): "
                    + outcome.output());
        }
        return outcome.output();
    }
}
