using GPhotosFs.SampleMedia;

namespace GPhotosFs.TakeoutDifferential;

public enum MediaKind
{
    Photo,
    Video,
}

/// <summary>One item of the generated Google Photos library: what Google knows and what its bytes say.</summary>
public sealed class LibraryItem
{
    public required int Id { get; init; }

    /// <summary>Google's file name (the sidecar's <c>title</c>); may lack an extension or hold a tab.</summary>
    public required string Title { get; init; }

    /// <summary>The member name before Takeout's <c>(n)</c> counter: the title, plus ".jpg" for an extensionless upload.</summary>
    public required string MemberName { get; init; }

    public required MediaKind Kind { get; init; }

    public required byte[] Bytes { get; init; }

    public string Sha256 => field ??= Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Bytes));

    public bool HasSidecar { get; init; }

    /// <summary>The sidecar's photoTakenTime in epoch seconds; null writes "0" (unknown).</summary>
    public long? PhotoTakenTime { get; init; }

    /// <summary>What the generator wrote as EXIF DateTimeOriginal (+ OffsetTimeOriginal); null: no EXIF at all.</summary>
    public DateTimeOffset? ExifTime { get; init; }

    public GpsLocation? ExifGps { get; init; }

    /// <summary>The QuickTime mvhd creation time of a video.</summary>
    public DateTimeOffset? MvhdTime { get; init; }

    /// <summary>The date the generator put into the file name (IMG_yyyyMMdd_…), if any.</summary>
    public DateTimeOffset? NameDate { get; init; }

    public GpsLocation? GeoData { get; init; }

    public GpsLocation? GeoDataExif { get; init; }

    public bool Trashed { get; init; }

    public bool Archived { get; init; }

    public bool InYearFolder { get; init; } = true;

    public int YearFolder { get; init; }

    public List<LibraryAlbum> Albums { get; } = [];

    /// <summary>For an edited copy: its original (whose sidecar it shares).</summary>
    public LibraryItem? EditedOf { get; init; }

    /// <summary>1: only in the first export, 2: only in the second, 0: in every export.</summary>
    public int OnlyInExport { get; set; }

    /// <summary>Scenario tags, for failure reports.</summary>
    public List<string> Tags { get; } = [];

    public override string ToString() => $"#{Id} \"{Printable(Title)}\" [{string.Join(',', Tags)}]";

    public static string Printable(string s) => s.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

public sealed class LibraryAlbum
{
    public required string Title { get; init; }

    /// <summary>Takeout names the album folder after its title.</summary>
    public string FolderName => Title;
}

/// <summary>The localized names one export uses.</summary>
public sealed record TakeoutLanguage(string Code, string Top, string YearFolderFormat, string Trash, string Archive, string AlbumMetadata, string EditedSuffix)
{
    public static readonly TakeoutLanguage English = new("en", "Google Photos", "Photos from {0}", "Trash", "Archive", "metadata.json", "-edited");

    public static readonly TakeoutLanguage[] All =
    [
        English,
        new("de", "Google Fotos", "Fotos von {0}", "Papierkorb", "Archiv", "Metadaten.json", "-bearbeitet"),
        new("fr", "Google Photos", "Photos de {0}", "Corbeille", "Archives", "métadonnées.json", "-modifié"),
        new("it", "Google Foto", "Foto del {0}", "Cestino", "Archivio", "metadati.json", "-modificato"),
        new("es", "Google Fotos", "Fotos de {0}", "Papelera", "Archivo", "metadatos.json", "-editado"),
    ];

    public string YearFolder(int year) => string.Format(System.Globalization.CultureInfo.InvariantCulture, YearFolderFormat, year);
}

public enum PartFormat
{
    Zip,
    Tgz,
    Folder,
}

public enum SidecarStyle
{
    Classic,
    Supplemental,
}

public enum DamageKind
{
    None,

    /// <summary>A zip cut before its central directory: the part is unreadable as a whole.</summary>
    TruncatedZip,

    /// <summary>A .tgz cut exactly after member k-1 (gzip sync point, no tar end blocks, no gzip trailer).</summary>
    TruncatedTgz,

    /// <summary>A .tgz whose tar header block of member k is garbage.</summary>
    CorruptTarHeader,

    /// <summary>A zip member whose data no longer matches its CRC-32 (stored or deflated).</summary>
    CorruptMember,
}

/// <summary>Where a copy sits inside an export.</summary>
public enum FolderKind
{
    Year,
    Album,
    Trash,
    Archive,
}

/// <summary>One member (file) of one export, with the part it was put in and whether it survived damage.</summary>
public sealed class PlannedMember
{
    public required string Path { get; init; }

    public required byte[] Bytes { get; init; }

    public required string Folder { get; init; }

    public required FolderKind FolderKind { get; init; }

    public LibraryAlbum? Album { get; init; }

    /// <summary>The item whose media this member is.</summary>
    public LibraryItem? Media { get; init; }

    /// <summary>The item this sidecar describes (copies of the same sidecar sit in year and album folders).</summary>
    public LibraryItem? SidecarOf { get; init; }

    /// <summary>The sidecar member of this media copy (for an edited copy: its original's).</summary>
    public PlannedMember? Sidecar { get; set; }

    public bool IsAlbumMetadata { get; init; }

    public string FileName => System.IO.Path.GetFileName(Path);

    public int Part { get; set; }

    public bool Deflate { get; set; }

    /// <summary>False when damage made the member unreadable.</summary>
    public bool Survives { get; set; } = true;

    /// <summary>True when its bytes in the archive no longer match its CRC-32.</summary>
    public bool Corrupt { get; set; }
}

public sealed class ExportPlan
{
    public required int Index { get; init; }

    public required DateTimeOffset Time { get; init; }

    public string Stamp => Time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public required PartFormat Format { get; init; }

    public required int PartCount { get; init; }

    public required TakeoutLanguage Language { get; init; }

    public required SidecarStyle Style { get; init; }

    public bool WrapAlbumData { get; init; }

    public List<PlannedMember> Members { get; } = [];

    /// <summary>The written part paths (files or folders), by part number.</summary>
    public List<string> PartPaths { get; } = [];

    /// <summary>How each part was written (tar flavour), for reports.</summary>
    public List<string> Notes { get; } = [];

    public DamageKind Damage { get; set; }

    public int DamagedPart { get; set; } = -1;

    public override string ToString() => $"export {Index} ({Stamp}, {Format}, {PartCount} part(s), {Language.Code}, {Style} sidecars{(Damage == DamageKind.None ? "" : $", {Damage} in part {DamagedPart + 1}")}{(Notes.Count == 0 ? "" : $", {string.Join(", ", Notes)}")})";
}
