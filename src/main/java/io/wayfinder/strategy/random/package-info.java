/** Random search (RS), the baseline every strategy is measured against. */
package io.wayfinder.strategy.random;
