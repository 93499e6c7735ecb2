/** Regularised (aging) evolution. */
package io.wayfinder.strategy.evolution;
