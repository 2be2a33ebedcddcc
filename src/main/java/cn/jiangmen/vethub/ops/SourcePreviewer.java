package cn.jiangmen.vethub.ops;

import java.nio.file.Path;

import cn.jiangmen.vethub.source.SourceDefinition;

/**
 * The dry run of one kind of source, implemented by the feature that loads it with the
 * same mapping and checks its real run uses.
 */
public interface SourcePreviewer {

	/** Whether this previewer is for the source. */
	boolean handles(SourceDefinition source);

	/** Whether its preview reads an uploaded file (else it reads the source itself). */
	boolean takesFile(SourceDefinition source);

	/**
	 * Reads the file or the first records of the source and collects what would be loaded
	 * and rejected, writing nothing.
	 * @param file the uploaded file (a temporary copy), null for a pull source
	 * @param fileName the uploaded file's name as sent
	 * @param limit the most records to read from a pull source
	 */
	void preview(SourceDefinition source, Path file, String fileName, int limit, SourcePreview.Collector collector)
			throws Exception;

}
