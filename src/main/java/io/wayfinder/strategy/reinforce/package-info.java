/** Policy-gradient search with the LSTM controller: AML, M-AML and T-AML. */
package io.wayfinder.strategy.reinforce;
