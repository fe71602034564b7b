/**
 * What a connector is, as every layer of the bridge sees it: the stored
 * {@code ConnectorDefinition}, and the table and column names it holds as strings, typed.
 * Depends on nothing else of the bridge, so the engine, the PostgreSQL access and the
 * store can all use it.
 */
package cdcdemo.bridge.connector.definition;
