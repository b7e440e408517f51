/**
 * Demo data for the run command: dealerships and a generated stock of vehicles, loaded only on
 * request.
 */
package dev.forecourt.demo;
