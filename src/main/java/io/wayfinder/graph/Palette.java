package io.wayfinder.graph;

/** The colours and dashes every rendering of an {@link ArchGraph} shares (SVG, PNG, the workbench). */
public final class Palette {
    private Palette() {
    }

    /** Fill colour of a box, {@code #rrggbb}. */
    public static String fill(ArchGraph.Role role) {
        return switch (role) {
            case INPUT -> "#d9ead3";
            case CONV -> "#e8f0fe";
            case PAD -> "#fff3cd";
            case CONCAT -> "#cfe2f3";
            case POOL -> "#eeeeee";
            case OUTPUT -> "#f4cccc";
            case CELL_NODE -> "#ffffff";
            case MEMORY -> "#fde2c8";
            case STATE -> "#d9ead3";
        };
    }

    /** Border colour of a box. */
    public static String border(ArchGraph.Role role) {
        return role == ArchGraph.Role.MEMORY ? "#b45f06" : role == ArchGraph.Role.PAD ? "#bf9000" : "#5f6368";
    }

    /** Stroke colour of an arrow. */
    public static String stroke(ArchGraph.EdgeKind kind) {
        return switch (kind) {
            case DATA -> "#3c4043";
            case SKIP -> "#1a73e8";
            case MEMORY -> "#b45f06";
            case ABSENT -> "#b0b0b0";
            case CANDIDATE -> "#7baaf7";
        };
    }

    /** Dash pattern of an arrow ({@code null} for a solid line). */
    public static double[] dash(ArchGraph.EdgeKind kind) {
        return switch (kind) {
            case DATA, SKIP -> null;
            case MEMORY -> new double[]{6, 3};
            case ABSENT -> new double[]{3, 3};
            case CANDIDATE -> new double[]{5, 4};
        };
    }

    /** Stroke width of an arrow. */
    public static double width(ArchGraph.EdgeKind kind) {
        return kind == ArchGraph.EdgeKind.SKIP ? 1.8 : 1.2;
    }

    /** The font family list for text. */
    public static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
    /** Font size of node and edge text, in pixels. */
    public static final double FONT_SIZE = 12;
    /** Height of one text line, in pixels. */
    public static final double LINE = 16;
    /** Estimated advance of one character, in pixels (no font metrics, so layouts are the same everywhere). */
    public static final double CHAR = 7.0;
}
