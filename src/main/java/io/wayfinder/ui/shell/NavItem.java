package io.wayfinder.ui.shell;

/** A node of the project navigator. */
record NavItem(String text, Kind kind, long runId) {
    enum Kind { GROUP, PROJECT, SPACE, DECISION, TASK, RUN }

    static NavItem of(String text, Kind kind) {
        return new NavItem(text, kind, -1);
    }

    @Override
    public String toString() {
        return text;
    }
}
