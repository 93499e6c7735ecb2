package io.wayfinder.metrics;

import java.util.List;

/**
 * A two-dimensional principal-component projection of vectors, fitted once on all of them (every task at every
 * update) so that positions are comparable across updates and a task's trail shows how its embedding moved. Pure.
 */
public final class Pca {
    private Pca() {
    }

    /**
     * @param coordinates [snapshot][task] = {pc1, pc2}
     * @param explained   the share of the variance each of the two components explains
     */
    public record Projection(double[][][] coordinates, double[] explained) {
    }

    /** Projects every vector of every snapshot ([snapshot][task][dimension]) onto the first two components. */
    public static Projection project(List<double[][]> snapshots) {
        int dim = 0;
        for (double[][] s : snapshots) {
            for (double[] v : s) {
                dim = Math.max(dim, v.length);
            }
        }
        int count = snapshots.stream().mapToInt(s -> s.length).sum();
        double[] mean = new double[dim];
        for (double[][] s : snapshots) {
            for (double[] v : s) {
                for (int d = 0; d < v.length; d++) {
                    mean[d] += v[d] / count;
                }
            }
        }
        double[][] cov = new double[dim][dim];
        for (double[][] s : snapshots) {
            for (double[] v : s) {
                for (int a = 0; a < dim; a++) {
                    double xa = v[a] - mean[a];
                    for (int b = 0; b < dim; b++) {
                        cov[a][b] += xa * (v[b] - mean[b]) / Math.max(1, count - 1);
                    }
                }
            }
        }
        double total = 0;
        for (int d = 0; d < dim; d++) {
            total += cov[d][d];
        }
        double[] pc1 = principal(cov, null);
        double l1 = rayleigh(cov, pc1);
        double[] pc2 = principal(cov, pc1);
        double l2 = rayleigh(cov, pc2);
        double[][][] out = new double[snapshots.size()][][];
        for (int i = 0; i < snapshots.size(); i++) {
            double[][] s = snapshots.get(i);
            out[i] = new double[s.length][2];
            for (int t = 0; t < s.length; t++) {
                for (int d = 0; d < s[t].length; d++) {
                    out[i][t][0] += (s[t][d] - mean[d]) * pc1[d];
                    out[i][t][1] += (s[t][d] - mean[d]) * pc2[d];
                }
            }
        }
        return new Projection(out, total <= 0 ? new double[]{0, 0} : new double[]{l1 / total, l2 / total});
    }

    /** The leading eigenvector of a symmetric matrix by power iteration (orthogonal to {@code not} when given). */
    private static double[] principal(double[][] m, double[] not) {
        int n = m.length;
        double[] v = new double[n];
        if (n == 0) {
            return v;
        }
        for (int i = 0; i < n; i++) {
            v[i] = 1.0 / Math.sqrt(n) + 1e-3 * (i + 1); // deterministic start, not orthogonal to typical axes
        }
        for (int it = 0; it < 500; it++) {
            if (not != null) {
                orthogonalise(v, not);
            }
            double[] w = new double[n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    w[a] += m[a][b] * v[b];
                }
            }
            if (not != null) {
                orthogonalise(w, not);
            }
            double norm = Math.sqrt(dot(w, w));
            if (norm < 1e-15) {
                return v.length > 0 && not == null ? unit(n, 0) : new double[n];
            }
            double diff = 0;
            for (int a = 0; a < n; a++) {
                w[a] /= norm;
                diff += Math.abs(w[a] - v[a]);
            }
            v = w;
            if (diff < 1e-12) {
                break;
            }
        }
        // a sign convention: the largest component positive, so repeated fits give the same picture
        int big = 0;
        for (int a = 1; a < n; a++) {
            if (Math.abs(v[a]) > Math.abs(v[big])) {
                big = a;
            }
        }
        if (v[big] < 0) {
            for (int a = 0; a < n; a++) {
                v[a] = -v[a];
            }
        }
        return v;
    }

    private static double[] unit(int n, int i) {
        double[] u = new double[n];
        u[i] = 1;
        return u;
    }

    private static void orthogonalise(double[] v, double[] u) {
        double d = dot(v, u);
        for (int i = 0; i < v.length; i++) {
            v[i] -= d * u[i];
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double rayleigh(double[][] m, double[] v) {
        double s = 0;
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < m.length; b++) {
                s += v[a] * m[a][b] * v[b];
            }
        }
        return s;
    }
}
