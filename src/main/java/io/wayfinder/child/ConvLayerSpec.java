package io.wayfinder.child;

import java.util.List;

/**
 * One convolution layer of a Zoph &amp; Le conv net as a configuration chose it.
 *
 * @param filterHeight filter height
 * @param filterWidth  filter width
 * @param filters      number of filters (output depth)
 * @param stride       stride in both directions (1 when the space has no stride decision)
 * @param inputs       the earlier layers whose outputs feed this one, ascending; empty means the image
 */
public record ConvLayerSpec(int filterHeight, int filterWidth, int filters, int stride, List<Integer> inputs) {
    public ConvLayerSpec {
        if (filterHeight < 1 || filterWidth < 1 || filters < 1 || stride < 1) {
            throw new IllegalArgumentException("filter sizes, filters and stride must be positive: " + filterHeight
                    + "x" + filterWidth + ", " + filters + " filters, stride " + stride);
        }
        inputs = List.copyOf(inputs);
    }
}
