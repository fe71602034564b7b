/**
 * What of a record a user may see: the values of the masked fields (see
 * {@code messages.masked-fields}) in clear for an admin, masked by the server for
 * everyone else. One {@link cdcdemo.messages.masking.Masking} serves every path that
 * sends record data out: the page, the stream, the JSON API, the exports, the history and
 * the dead letters.
 */
package cdcdemo.messages.masking;
