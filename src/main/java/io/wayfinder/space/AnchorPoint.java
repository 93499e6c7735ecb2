package io.wayfinder.space;

/**
 * Where a repeated block with skip connections places layer {@code layer}'s anchor point: the skip slots
 * {@code firstSlot .. firstSlot + layer - 1} decide whether layers {@code 0 .. layer-1} feed this layer.
 * Layer 0 has an anchor too (other layers attend to it) but no slots of its own.
 */
public record AnchorPoint(String block, int layer, int firstSlot) {
    public int slotCount() {
        return layer;
    }
}
