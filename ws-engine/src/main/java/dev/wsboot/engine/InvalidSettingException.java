package dev.wsboot.engine;

/**
 * A {@link WsServerConfig} setting is out of range. Names the setting, so that a layer above (the
 * Spring Boot properties) can name its own property for it.
 */
public final class InvalidSettingException extends IllegalArgumentException {

	private final String setting;

	private final transient Object value;

	private final String rule;

	public InvalidSettingException(String setting, Object value, String rule) {
		super(setting + " " + rule + ", was " + value);
		this.setting = setting;
		this.value = value;
		this.rule = rule;
	}

	/** The setting's name, as the builder method is named. */
	public String setting() {
		return this.setting;
	}

	public Object value() {
		return this.value;
	}

	/** What the value must be. */
	public String rule() {
		return this.rule;
	}

}
