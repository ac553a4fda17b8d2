package dev.wsboot.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Bar and line charts as PNG files, through XChart. */
public final class Charts {

	private Charts() {
	}

	/**
	 * One chart: a group of bars per category, one bar per series.
	 * @param series series name to values, one per category; NaN draws no bar
	 */
	static void bars(Path file, String title, String yAxis, List<String> categories, Map<String, List<Double>> series)
			throws IOException {
		CategoryChart chart = new CategoryChartBuilder().width(1200)
			.height(560)
			.title(title)
			.yAxisTitle(yAxis)
			.build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
		chart.getStyler().setXAxisLabelRotation(15);
		chart.getStyler().setYAxisDecimalPattern("#,###");
		chart.getStyler().setOverlapped(false);
		for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
			List<Double> values = new ArrayList<>();
			for (Double value : entry.getValue()) {
				values.add((value == null || value.isNaN() || value.isInfinite()) ? 0.0 : value);
			}
			chart.addSeries(entry.getKey(), categories, values);
		}
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	/**
	 * One chart of lines over a shared x axis.
	 * @param series series name to its y values, one per x value
	 */
	public static void lines(Path file, String title, String xAxis, String yAxis, List<Double> x,
			Map<String, List<Double>> series) throws IOException {
		XYChart chart = new XYChartBuilder().width(1200).height(500).title(title).xAxisTitle(xAxis).yAxisTitle(yAxis).build();
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
		chart.getStyler().setMarkerSize(0);
		chart.getStyler().setYAxisDecimalPattern("#,###");
		for (Map.Entry<String, List<Double>> entry : series.entrySet()) {
			chart.addSeries(entry.getKey(), x, entry.getValue());
		}
		BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

}
