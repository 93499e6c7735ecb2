package io.wayfinder.child.cell;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/** One step of a recurrent cell in a SameDiff graph: {@code (x_t, h_{t-1}, c_{t-1}) -> (h_t, c_t)}. */
public interface CellFunction {

    /** Declares the cell's weights in the graph (once, before the first step). */
    void declare(SameDiff sd, int input, int hidden, WeightFactory weights);

    /** Returns {@code {h_t, c_t}}. */
    SDVariable[] step(SameDiff sd, SDVariable x, SDVariable h, SDVariable c);
}
