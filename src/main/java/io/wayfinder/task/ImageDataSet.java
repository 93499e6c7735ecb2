package io.wayfinder.task;

import java.util.Arrays;

/**
 * Grey-scale images with class labels, kept as unsigned bytes (one channel).
 *
 * @param name    what it is, e.g. {@code fashion-mnist/train}
 * @param pixels  {@code count * rows * cols} unsigned bytes, image after image, row-major
 * @param labels  one class per image, {@code 0..classes-1}
 * @param rows    image height
 * @param cols    image width
 * @param classes the number of classes
 */
public record ImageDataSet(String name, byte[] pixels, byte[] labels, int rows, int cols, int classes) {
    public ImageDataSet {
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but " + pixels.length
                    + " pixels for " + rows + "x" + cols + " images");
        }
    }

    public int count() {
        return labels.length;
    }

    public int pixelsPerImage() {
        return rows * cols;
    }

    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** The images at these positions, in this order. */
    public ImageDataSet subset(String subsetName, int[] positions) {
        int n = pixelsPerImage();
        byte[] p = new byte[positions.length * n];
        byte[] l = new byte[positions.length];
        for (int i = 0; i < positions.length; i++) {
            System.arraycopy(pixels, positions[i] * n, p, i * n, n);
            l[i] = labels[positions[i]];
        }
        return new ImageDataSet(subsetName, p, l, rows, cols, classes);
    }

    /** Pixels of images {@code from..from+count-1} scaled to [0, 1], into {@code out} (length count*rows*cols). */
    public void scaledPixels(int[] order, int from, int count, float[] out) {
        int n = pixelsPerImage();
        for (int i = 0; i < count; i++) {
            int src = order == null ? from + i : order[from + i];
            int base = src * n;
            int dst = i * n;
            for (int k = 0; k < n; k++) {
                out[dst + k] = (pixels[base + k] & 0xff) / 255f;
            }
        }
    }

    /**
     * The images shrunk by {@code factor} in each direction by averaging {@code factor x factor} blocks (trailing
     * rows and columns that do not fill a block are dropped); a factor of 1 returns this set.
     */
    public ImageDataSet downsampled(int factor) {
        if (factor == 1) {
            return this;
        }
        int r = rows / factor;
        int c = cols / factor;
        int n = count();
        byte[] p = new byte[n * r * c];
        int area = factor * factor;
        for (int i = 0; i < n; i++) {
            int base = i * rows * cols;
            for (int y = 0; y < r; y++) {
                for (int x = 0; x < c; x++) {
                    int sum = 0;
                    for (int dy = 0; dy < factor; dy++) {
                        for (int dx = 0; dx < factor; dx++) {
                            sum += pixels[base + (y * factor + dy) * cols + x * factor + dx] & 0xff;
                        }
                    }
                    p[i * r * c + y * c + x] = (byte) ((sum + area / 2) / area);
                }
            }
        }
        return new ImageDataSet(name, p, labels.clone(), r, c, classes);
    }

    /** Per-class counts, for reports and tests. */
    public int[] classCounts() {
        int[] c = new int[classes];
        for (byte b : labels) {
            c[b & 0xff]++;
        }
        return c;
    }

    @Override
    public String toString() {
        return name + " (" + count() + " images " + rows + "x" + cols + ", " + classes + " classes, per class "
                + Arrays.toString(classCounts()) + ")";
    }
}
