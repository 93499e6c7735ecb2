package io.wayfinder.task.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wayfinder.task.TextDataset;
import io.wayfinder.task.TextExample;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearBaselineTest {

    /** Class 0 texts always contain "good", class 1 texts "bad"; the other words are shared noise. */
    private static List<TextExample> examples(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] noise = {"the", "a", "movie", "plot", "actor", "was", "very", "quite", "and", "it"};
        List<TextExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            List<String> t = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                t.add(noise[r.nextInt(noise.length)]);
            }
            t.add(r.nextInt(t.size() + 1), label == 0 ? "good" : "bad");
            out.add(new TextExample(label, t.toArray(String[]::new)));
        }
        return out;
    }

    @Test
    void separableDataIsClassifiedPerfectlyAndCIsChosenOnValidation() {
        TextDataset d = new TextDataset("toy", "h", List.of("pos", "neg"), examples(200, 1), examples(50, 2),
                examples(50, 3), "given");
        LinearBaseline.Result r = LinearBaseline.train(d, line -> { });
        assertEquals(1.0, r.testAccuracy(), 1e-12);
        assertEquals(1.0, r.validationAccuracy(), 1e-12);
        assertEquals(LinearBaseline.C_GRID.size(), r.candidates().size());
        double bestValidation = r.candidates().stream().mapToDouble(LinearBaseline.Candidate::validationAccuracy)
                .max().orElseThrow();
        assertEquals(bestValidation, r.validationAccuracy(), 0);
        assertTrue(r.features() > 10, "unigrams and bigrams: " + r.features());
    }

    @Test
    void tfIdfRowsHaveUnitNormAndSublinearCounts() {
        List<TextExample> train = List.of(new TextExample(0, new String[]{"a", "a", "b"}),
                new TextExample(1, new String[]{"b", "c"}));
        TfIdfVectorizer v = TfIdfVectorizer.fit(train);
        // terms: a, b, "a a", "a b", c, "b c" = 6
        assertEquals(6, v.features());
        TfIdfVectorizer.SparseRow row = v.transform(new String[]{"a", "a", "b", "zzz"});
        double norm = 0;
        for (double x : row.value()) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-12);
        // a: tf 1+ln2, idf ln(3/2)+1; b: tf 1, idf ln(3/3)+1 = 1 -> ratio a/b before normalising
        double a = (1 + Math.log(2)) * (Math.log(3.0 / 2) + 1);
        double b = 1.0;
        assertEquals(a / b, row.value()[0] / row.value()[1], 1e-12);
    }
}
