// The persistence tutorial's C# program: load a frozen GraphDef (.pb) with
// TensorFlowSharp's API and run it. It uses only TensorFlowSharp's public
// names, so it compiles unchanged against TensorFlowSharp or against
// tfpersist's binding (bindings/csharp), and runs on libtensorflow.so.
//
//   mono LoadFrozenGraph.exe MODEL.pb [INPUT OUTPUT [D0,D1]]
//
// INPUT and OUTPUT default to the tutorial's "input" and "output"; INPUT
// "-" feeds nothing (a graph without placeholders, e.g. the demo's
// model.pb). The fed tensor is a float[D0,D1] ramp 1, 2, ..., D0*D1
// (numpy.linspace(1, N, N)); the default is [2,2]. Prints the output's
// shape, then one value per line.
using System;
using System.Globalization;
using System.IO;
using TensorFlow;

public static class LoadFrozenGraph
{
	public static int Main (string [] args)
	{
		if (args.Length != 1 && args.Length != 3 && args.Length != 4) {
			Console.Error.WriteLine ("usage: LoadFrozenGraph.exe MODEL.pb [INPUT OUTPUT [D0,D1]]");
			return 2;
		}
		string modelFile = args [0];
		string inputName = args.Length > 1 ? args [1] : "input";
		string outputName = args.Length > 2 ? args [2] : "output";
		int rows = 2, cols = 2;
		if (args.Length > 3) {
			var d = args [3].Split (',');
			rows = int.Parse (d [0], CultureInfo.InvariantCulture);
			cols = int.Parse (d [1], CultureInfo.InvariantCulture);
		}
		var input = new float [rows, cols];
		for (int i = 0; i < rows; i++)
			for (int j = 0; j < cols; j++)
				input [i, j] = i * cols + j + 1;
		TFTensor tensor = input;

		try {
			// The tutorial's code.
			var graph = new TFGraph ();
			var model = File.ReadAllBytes (modelFile);
			graph.Import (model, "");
			using (var session = new TFSession (graph)) {
				var runner = session.GetRunner ();
				if (inputName != "-")
					runner.AddInput (graph [inputName] [0], tensor);
				runner.Fetch (graph [outputName] [0]);
				var output = runner.Run ();
				var result = output [0];
				if (result.NumDims == 2) {
					var val = (float [,])result.GetValue (jagged: false);
					Print (val);
				} else {
					Console.WriteLine ("{0}: shape [{1}]", outputName, string.Join (",", result.Shape));
					var value = result.GetValue (jagged: false);
					if (value is Array array) {
						foreach (var v in array)
							Console.WriteLine (Format (v));
					} else {
						Console.WriteLine (Format (value));
					}
				}
			}
		} catch (TFException e) {
			Console.Error.WriteLine ("TensorFlow error: " + e.Message);
			return 1;
		}
		return 0;
	}

	static void Print (float [,] val)
	{
		Console.WriteLine ("output: shape [{0},{1}]", val.GetLength (0), val.GetLength (1));
		for (int i = 0; i < val.GetLength (0); i++)
			for (int j = 0; j < val.GetLength (1); j++)
				Console.WriteLine (Format (val [i, j]));
	}

	static string Format (object v)
	{
		if (v is float f)
			return f.ToString ("R", CultureInfo.InvariantCulture);
		return Convert.ToString (v, CultureInfo.InvariantCulture);
	}
}
