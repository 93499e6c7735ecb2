package io.wayfinder.graph;

/**
 * Writes an {@link ArchGraph} as Graphviz DOT, with the same text, colours and edge styles as the other renderings,
 * for {@code dot -Tpdf} and friends. Layout is left to Graphviz.
 */
public final class DotWriter {
    private DotWriter() {
    }

    /** The DOT text. The same graph gives the same text. */
    public static String write(ArchGraph g) {
        StringBuilder s = new StringBuilder();
        s.append("digraph ").append(GraphDot.quote(g.kind())).append(" {\n");
        if (g.title() != null && !g.title().isEmpty()) {
            s.append("  label=").append(GraphDot.quote(g.title())).append(";\n  labelloc=t;\n");
        }
        s.append("  rankdir=TB;\n");
        s.append("  node [shape=box, style=\"rounded,filled\", fontname=\"DejaVu Sans\", fontsize=10];\n");
        s.append("  edge [fontname=\"DejaVu Sans\", fontsize=9];\n");
        for (ArchGraph.Node n : g.nodes()) {
            StringBuilder label = new StringBuilder(n.title());
            for (String l : n.lines()) {
                label.append('\n').append(l);
            }
            s.append("  ").append(GraphDot.quote(n.id())).append(" [label=").append(GraphDot.quote(label.toString()))
                    .append(", fillcolor=\"").append(Palette.fill(n.role())).append("\", color=\"")
                    .append(Palette.border(n.role())).append("\"];\n");
        }
        for (ArchGraph.Edge e : g.edges()) {
            s.append("  ").append(GraphDot.quote(e.from())).append(" -> ").append(GraphDot.quote(e.to()))
                    .append(" [color=\"").append(Palette.stroke(e.kind())).append('"');
            switch (e.kind()) {
                case SKIP -> s.append(", penwidth=1.8");
                case MEMORY -> s.append(", style=dashed");
                case ABSENT -> s.append(", style=dotted");
                case CANDIDATE -> s.append(", style=dashed");
                default -> { }
            }
            if (e.label() != null && !e.label().isEmpty()) {
                s.append(", label=").append(GraphDot.quote(e.label()));
            }
            s.append("];\n");
        }
        s.append("}\n");
        return s.toString();
    }
}
