package io.wayfinder.ui.dashboard;

import io.fair_acc.dataset.spi.DoubleDataSet;
import io.wayfinder.run.SupernetEpoch;
import io.wayfinder.run.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A one-shot run's super-network training curves: loss and accuracy of the weight steps' training batches and of the
 * validation batches (DARTS' architecture steps, ENAS' controller rewards), over the search's weight steps. Read from
 * the {@link SupernetEpoch} each epoch's trial carries in its provenance, so a reopened run shows the same curves. The
 * data sets are written on the dashboard's feeder thread under their locks.
 */
public final class SupernetCurves {
    /** Batches averaged per plotted point (single batches of 32 images are too noisy to read). */
    static final int WINDOW = 10;

    private final DoubleDataSet trainLoss = new DoubleDataSet("training batches");
    private final DoubleDataSet validationLoss = new DoubleDataSet("validation batches");
    private final DoubleDataSet trainAccuracy = new DoubleDataSet("training batches");
    private final DoubleDataSet validationAccuracy = new DoubleDataSet("validation batches");
    private final TreeMap<Integer, SupernetEpoch> epochs = new TreeMap<>();
    private volatile String caption = "No search epoch recorded yet: the super-network's curves appear after its "
            + "first epoch (one trial).";

    /** Takes the epochs recorded in these trials' provenance; true when one was new (feeder thread). */
    boolean add(List<TrialRecord> trials) {
        boolean changed = false;
        for (TrialRecord t : trials) {
            var e = SupernetEpoch.fromProvenance(t.provenance());
            if (e.isPresent() && !epochs.containsKey(e.get().epoch())) {
                epochs.put(e.get().epoch(), e.get());
                changed = true;
            }
        }
        if (changed) {
            fill();
        }
        return changed;
    }

    private void fill() {
        List<SupernetEpoch> list = new ArrayList<>(epochs.values());
        double[][] tl = series(list, true, true);
        double[][] vl = series(list, false, true);
        double[][] ta = series(list, true, false);
        double[][] va = series(list, false, false);
        trainLoss.lock().writeLockGuard(() -> trainLoss.set(tl[0], tl[1], true));
        validationLoss.lock().writeLockGuard(() -> validationLoss.set(vl[0], vl[1], true));
        trainAccuracy.lock().writeLockGuard(() -> trainAccuracy.set(ta[0], ta[1], true));
        validationAccuracy.lock().writeLockGuard(() -> validationAccuracy.set(va[0], va[1], true));
        SupernetEpoch last = list.get(list.size() - 1);
        caption = String.format(Locale.ROOT, "%s super-network, epoch %d of %d (%d weight steps, %.1f s): training "
                        + "batches loss %.3f, accuracy %.3f; validation batches loss %.3f, accuracy %.3f%s; cell %s. "
                        + "Points: mean of the last %d batches.", last.strategy().toUpperCase(Locale.ROOT),
                last.epoch(), last.epochs(), last.steps(), last.seconds(), SupernetEpoch.mean(last.trainLoss()),
                SupernetEpoch.mean(last.trainAccuracy()), SupernetEpoch.mean(last.validationLoss()),
                SupernetEpoch.mean(last.validationAccuracy()), Double.isNaN(last.alphaEntropy()) ? ""
                        : String.format(Locale.ROOT, "; alpha entropy %.3f nats (uniform %.3f)", last.alphaEntropy(),
                        Math.log(5)), last.cell(), WINDOW);
        if (list.size() != last.epoch()) {
            caption += " (" + list.size() + " of " + last.epoch() + " epochs recorded.)";
        }
    }

    /**
     * The plotted points, {x, y}: x is the search's weight step (a validation batch is placed proportionally within
     * its epoch), y the mean of the last {@link #WINDOW} batches (restarting at the first recorded epoch).
     */
    static double[][] series(List<SupernetEpoch> epochs, boolean training, boolean loss) {
        List<double[]> points = new ArrayList<>();
        double[] ring = new double[WINDOW];
        int seen = 0;
        double sum = 0;
        for (SupernetEpoch e : epochs) {
            double offset = (double) (e.epoch() - 1) * e.steps();
            double[] v = training ? (loss ? e.trainLoss() : e.trainAccuracy())
                    : (loss ? e.validationLoss() : e.validationAccuracy());
            for (int j = 0; j < v.length; j++) {
                sum += v[j] - (seen >= WINDOW ? ring[seen % WINDOW] : 0);
                ring[seen % WINDOW] = v[j];
                seen++;
                double x = offset + (double) (j + 1) * e.steps() / v.length;
                points.add(new double[] {x, sum / Math.min(seen, WINDOW)});
            }
        }
        double[][] out = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            out[0][i] = points.get(i)[0];
            out[1][i] = points.get(i)[1];
        }
        return out;
    }

    /** The epochs recorded so far, by number. */
    public List<SupernetEpoch> epochs() {
        return List.copyOf(epochs.values());
    }

    public DoubleDataSet trainLoss() {
        return trainLoss;
    }

    public DoubleDataSet validationLoss() {
        return validationLoss;
    }

    public DoubleDataSet trainAccuracy() {
        return trainAccuracy;
    }

    public DoubleDataSet validationAccuracy() {
        return validationAccuracy;
    }

    /** What the charts show, one paragraph (read on the UI thread after a coalesced update). */
    String caption() {
        return caption;
    }
}
