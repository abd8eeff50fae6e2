package dev.tollgate.engine.config;

import java.nio.file.Path;

/** A place in a config file; line and column are 1-based. */
record SourcePosition(Path file, int line, int column) {

    ConfigProblem problem(String message) {
        return ConfigProblem.at(file, line, column, message);
    }

    @Override
    public String toString() {
        return ConfigProblem.displayed(file) + ":" + line + ":" + column;
    }
}
