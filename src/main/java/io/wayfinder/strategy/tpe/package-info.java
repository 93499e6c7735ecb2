/** TPE: the Tree-structured Parzen Estimator over the flattened search space, univariate and multivariate. */
package io.wayfinder.strategy.tpe;
