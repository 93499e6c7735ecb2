package io.wayfinder.child.oneshot;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.wayfinder.project.Settings;
import io.wayfinder.project.TaskSpec;
import io.wayfinder.task.ImageDataSet;
import io.wayfinder.task.ImageTaskData;
import io.wayfinder.task.TaskEnvironment;
import io.wayfinder.task.oneshot.OneShotModel;
import io.wayfinder.task.oneshot.OneShotModelProvider;
import io.wayfinder.task.oneshot.OneShotSpec;

/** Builds the NAS-Bench-201 super-network on an image task's IDX files (loaded and split as an {@code image} task). */
public final class Nb201SupernetProvider implements OneShotModelProvider {

    @Override
    public String space() {
        return "nas-bench-201";
    }

    @Override
    public java.util.List<String> operations() {
        return Nb201Supernet.OPERATIONS;
    }

    @Override
    public int edges() {
        return Nb201Supernet.EDGES.length;
    }

    @Override
    public OneShotModel create(OneShotSpec spec, TaskEnvironment environment) {
        return new Nb201Supernet(load(spec, environment), spec.channels(), spec.cells(), spec.batchSize(),
                spec.doublePrecision(), null);
    }

    /** The images of a spec, split as an {@code image} task with the same sizes and split seed would be. */
    public static Nb201Supernet.Images load(OneShotSpec spec, TaskEnvironment environment) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("trainSize", spec.trainSize());
        s.put("validationSize", spec.validationSize());
        s.put("testSize", 1);
        s.put("splitSeed", spec.splitSeed());
        s.put("downsample", spec.downsample());
        if (spec.trainImages() != null) {
            s.put("trainImages", spec.trainImages());
        }
        if (spec.trainLabels() != null) {
            s.put("trainLabels", spec.trainLabels());
        }
        TaskSpec task = new TaskSpec("supernet", "image", spec.data(), "accuracy",
                new Settings(spec.source(), "$.strategy.settings", s));
        ImageTaskData d = ImageTaskData.load(task, environment);
        return new Nb201Supernet.Images(pixels(d.train()), labels(d.train()), pixels(d.validation()),
                labels(d.validation()), d.train().rows(), d.train().cols(), d.train().classes(), d.datasetId(),
                d.hash());
    }

    private static float[] pixels(ImageDataSet d) {
        float[] out = new float[d.count() * d.pixelsPerImage()];
        d.scaledPixels(null, 0, d.count(), out);
        return out;
    }

    private static int[] labels(ImageDataSet d) {
        int[] l = new int[d.count()];
        for (int i = 0; i < l.length; i++) {
            l[i] = d.label(i);
        }
        return l;
    }
}
