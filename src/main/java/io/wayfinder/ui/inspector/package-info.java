/**
 * The architecture inspector: one sampled network drawn (conv net, recurrent cell, NAS-Bench-201 cell) or carded
 * (two-tower text child), with everything recorded about its trial, and two trials side by side with their
 * differences highlighted. Drawings come from {@link io.wayfinder.graph}: the same laid-out model the headless
 * exports use.
 */
package io.wayfinder.ui.inspector;
