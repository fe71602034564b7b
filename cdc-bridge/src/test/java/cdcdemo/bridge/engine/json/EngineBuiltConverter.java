package cdcdemo.bridge.engine.json;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link CachingJsonConverter} that remembers its instances, to see which converters
 * the engine created.
 */
public class EngineBuiltConverter extends CachingJsonConverter {

	static final List<EngineBuiltConverter> instances = new CopyOnWriteArrayList<>();

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		super.configure(configs, isKey);
		instances.add(this);
	}

}
