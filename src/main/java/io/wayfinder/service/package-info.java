/**
 * What the command line and the workbench drive: turning a project into a run with evaluators and a strategy
 * ({@link io.wayfinder.service.Searches}), and running it.
 */
package io.wayfinder.service;
