package dev.wsboot.lua;

import java.util.List;
import java.util.Set;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.OsLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Builds the Lua state a script runs in from an allow-list. A fresh {@link Globals} gets only the
 * base, string, table and math libraries, and then keeps only the names listed here: anything else a
 * library put there (and anything a later LuaJ adds) is gone. Never {@code JsePlatform}: no
 * {@code io}, {@code luajava}, {@code debug}, {@code package}, {@code coroutine} (LuaJ runs each
 * coroutine on a thread of its own), and no {@code load}, {@code loadfile}, {@code dofile},
 * {@code require} or {@code collectgarbage}. {@code os} has {@code time} and {@code clock} only.
 * The functions that build large strings or tables in Java, past the reach of the {@link CallGuard}'s
 * instruction checks, are wrapped with its size checks.
 */
final class LuaSandbox {

	private static final Set<String> BASE = Set.of("assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall",
			"rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "xpcall",
			"_G", "_VERSION");

	private static final List<String> STRING = List.of("byte", "char", "find", "format", "gmatch", "gsub", "len",
			"lower", "match", "rep", "reverse", "sub", "upper");

	private static final List<String> TABLE = List.of("concat", "insert", "pack", "remove", "sort", "unpack");

	private static final List<String> MATH = List.of("abs", "acos", "asin", "atan", "atan2", "ceil", "cos", "cosh",
			"deg", "exp", "floor", "fmod", "frexp", "huge", "ldexp", "log", "max", "min", "modf", "pi", "pow", "rad",
			"random", "randomseed", "sin", "sinh", "sqrt", "tan", "tanh");

	private static final List<String> OS = List.of("time", "clock");

	/** The string library of the state whose call runs on this thread, for methods on strings. */
	private static final ThreadLocal<LuaValue> CURRENT_STRINGS = new ThreadLocal<>();

	static {
		installStringMetatable();
	}

	private LuaSandbox() {
	}

	/**
	 * A new state for one script. The compiler is installed for the server's own loading of the
	 * script; the script itself has no function that reaches it.
	 */
	static Globals create(CallGuard guard) {
		Globals globals = withPackageTable();
		globals.load(new BaseLib());
		globals.load(new StringLib());
		globals.load(new TableLib());
		globals.load(new JseMathLib());
		LuaValue strings = globals.get("string");
		LuaValue tables = globals.get("table");
		LuaValue math = globals.get("math");
		for (LuaValue key : keys(globals)) {
			if (!key.isstring() || !BASE.contains(key.tojstring())) {
				globals.rawset(key, LuaValue.NIL);
			}
		}
		LuaTable safeStrings = only(strings, STRING);
		safeStrings.rawset("rep", stringRep(guard, strings.get("rep")));
		LuaTable safeTables = only(tables, TABLE);
		safeTables.rawset("concat", tableConcat(guard, tables.get("concat")));
		safeTables.rawset("insert", tableInsert(guard, tables.get("insert")));
		globals.rawset("string", safeStrings);
		globals.rawset("table", safeTables);
		globals.rawset("math", only(math, MATH));
		globals.rawset("os", only(osLibrary(), OS));
		globals.rawset("rawset", rawset(guard, globals.get("rawset")));
		globals.debuglib = guard;
		LoadState.install(globals);
		LuaC.install(globals);
		return globals;
	}

	/** Runs a call with the string methods ({@code s:rep(n)}) of this state's string library. */
	static void enter(Globals globals) {
		CURRENT_STRINGS.set(globals.rawget("string"));
	}

	static void exit() {
		CURRENT_STRINGS.remove();
	}

	/**
	 * LuaJ gives all strings in the JVM one metatable, set by the first string library loaded. Ours
	 * looks methods up in the string library of the state that is running, so that each script's
	 * guarded {@code rep} applies and no script can change another's string methods; outside a
	 * script's call (another user of LuaJ in the JVM) it finds LuaJ's own library. Its
	 * {@code __metatable} field keeps {@code getmetatable("")} from handing it to a script.
	 */
	private static void installStringMetatable() {
		Globals plain = withPackageTable();
		plain.load(new StringLib());
		LuaValue fallback = plain.get("string");
		LuaTable metatable = new LuaTable();
		metatable.rawset(LuaValue.INDEX, new TwoArgFunction() {
			@Override
			public LuaValue call(LuaValue string, LuaValue key) {
				LuaValue strings = CURRENT_STRINGS.get();
				return ((strings != null) ? strings : fallback).get(key);
			}
		});
		metatable.rawset(LuaValue.METATABLE, LuaValue.FALSE);
		LuaString.s_metatable = metatable;
	}

	private static LuaTable osLibrary() {
		// Loaded into a state of its own: only its time and clock functions are taken from it.
		Globals staging = withPackageTable();
		staging.load(new OsLib());
		return staging.get("os").checktable();
	}

	/**
	 * A state with the {@code package.loaded} table LuaJ's libraries register themselves in while
	 * they load; the allow-list drops {@code package} afterwards.
	 */
	private static Globals withPackageTable() {
		Globals globals = new Globals();
		LuaTable packages = new LuaTable();
		packages.rawset("loaded", new LuaTable());
		globals.rawset("package", packages);
		return globals;
	}

	private static LuaTable only(LuaValue library, List<String> names) {
		LuaTable table = new LuaTable();
		for (String name : names) {
			table.rawset(name, library.get(name));
		}
		return table;
	}

	private static List<LuaValue> keys(LuaTable table) {
		java.util.ArrayList<LuaValue> keys = new java.util.ArrayList<>();
		for (LuaValue key = table.next(LuaValue.NIL).arg1(); !key.isnil(); key = table.next(key).arg1()) {
			keys.add(key);
		}
		return keys;
	}

	/** string.rep(s, n [, sep]): refused before LuaJ allocates a result over the limit. */
	private static LuaValue stringRep(CallGuard guard, LuaValue rep) {
		return new VarArgFunction() {
			@Override
			public Varargs invoke(Varargs args) {
				LuaString string = args.checkstring(1);
				double count = args.checkdouble(2);
				LuaString separator = args.optstring(3, LuaValue.EMPTYSTRING);
				if (count > 0) {
					guard.checkStringSize("string.rep", count * string.m_length + (count - 1) * separator.m_length);
				}
				return rep.invoke(args);
			}
		};
	}

	/** table.concat(t [, sep [, i [, j]]]): the result's size is added up before it is built. */
	private static LuaValue tableConcat(CallGuard guard, LuaValue concat) {
		return new VarArgFunction() {
			@Override
			public Varargs invoke(Varargs args) {
				LuaTable table = args.checktable(1);
				LuaString separator = args.optstring(2, LuaValue.EMPTYSTRING);
				int from = args.optint(3, 1);
				int to = args.isnoneornil(4) ? table.length() : args.checkint(4);
				double size = 0;
				for (int i = from; i <= to; i++) {
					LuaValue item = table.rawget(i);
					size += (item instanceof LuaString string) ? string.m_length : 24;
					if (i < to) {
						size += separator.m_length;
					}
					guard.checkStringSize("table.concat", size);
				}
				return concat.invoke(args);
			}
		};
	}

	/** table.insert(t, [pos,] value): a new key, so refused when the table is full. */
	private static LuaValue tableInsert(CallGuard guard, LuaValue insert) {
		return new VarArgFunction() {
			@Override
			public Varargs invoke(Varargs args) {
				guard.checkGrowth(args.checktable(1), 1);
				return insert.invoke(args);
			}
		};
	}

	private static LuaValue rawset(CallGuard guard, LuaValue rawset) {
		return new VarArgFunction() {
			@Override
			public Varargs invoke(Varargs args) {
				guard.checkStore(args.checktable(1), args.arg(2), args.arg(3));
				return rawset.invoke(args);
			}
		};
	}

}
