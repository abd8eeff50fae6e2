package dev.tollgate.engine.config;

import java.nio.file.Path;

/**
 * One thing wrong with the configuration, where it is and what to do about it.
 *
 * @param file    the file (or, for problems that belong to no file, the directory) as the user would type it
 * @param line    1-based line, or 0 when the problem has no position inside the file
 * @param column  1-based column, or 0 when the problem has no position inside the file
 * @param message what is wrong, naming the offending key or value
 */
public record ConfigProblem(String file, int line, int column, String message) {

    /** A problem at a 1-based line and column of {@code file}. */
    public static ConfigProblem at(Path file, int line, int column, String message) {
        return new ConfigProblem(displayed(file), line, column, message);
    }

    /** A problem with a whole file or directory rather than a place in it. */
    public static ConfigProblem in(Path fileOrDirectory, String message) {
        return new ConfigProblem(displayed(fileOrDirectory), 0, 0, message);
    }

    /** {@code file:line:column: message}, the form editors and terminals turn into a link. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
    }

    /** Relative to the working directory when the file is under it, so that messages read like {@code config/models.yaml}. */
    static String displayed(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path workingDirectory = Path.of("").toAbsolutePath().normalize();
        return absolute.startsWith(workingDirectory) && !absolute.equals(workingDirectory)
                ? workingDirectory.relativize(absolute).toString()
                : absolute.toString();
    }
}
