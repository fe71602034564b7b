/**
 * Publishing a consumer's reactions on the reactions topic: {@link Reactions}, which an
 * application gets by depending on this module. The contract itself is in cdc-events
 * ({@code cdcdemo.events.reactions}) and {@code docs/reactions.md}.
 */
package cdcdemo.reactions;
