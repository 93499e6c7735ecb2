/**
 * The one-shot super-network of the NAS-Bench-201 cell space in SameDiff ({@link io.wayfinder.child.oneshot.Nb201Supernet}),
 * registered for {@code darts} and {@code enas} through {@link io.wayfinder.task.oneshot.OneShotModelProvider}.
 */
package io.wayfinder.child.oneshot;
