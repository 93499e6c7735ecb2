/** {@code ppo}: the LSTM controller trained with PPO's clipped surrogate objective over a buffer of recent trials. */
package io.wayfinder.strategy.ppo;
