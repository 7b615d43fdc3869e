using System.Text;
using System.Text.RegularExpressions;

namespace GPhotosFs.Takeout.Sidecars;

/// <summary>
/// The localized names Takeout uses (top folder, year folders, trash, album metadata, edited-copy
/// suffixes) and file-type guesses by extension. Lists are community-derived (REFERENCE section 1)
/// and matched loosely where a wrong guess would lose items (an unknown top folder that mentions
/// photos is accepted; an unknown album metadata name only costs the album its title).
/// </summary>
public static partial class TakeoutNames
{
    private static readonly HashSet<string> PhotosTopNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Google Photos", "Google Fotos", "Google Foto", "Google Photos Backup", "Google 相册", "Google 相簿",
        "Google フォト", "Google 포토", "Google Фото", "Zdjęcia Google", "Google Fotky", "Google Φωτογραφίες",
    };

    private static readonly HashSet<string> TrashNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Trash", "Bin", "Papierkorb", "Corbeille", "Cestino", "Papelera", "Lixeira", "Prullenbak", "Kosz",
        "Koš", "Papperskorg", "Papirkurv", "Roskakori", "Корзина", "ゴミ箱", "回收站", "垃圾桶", "휴지통",
    };

    private static readonly HashSet<string> AlbumMetadataNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "metadata.json", "métadonnées.json", "Metadaten.json", "metadatos.json", "metadati.json", "metadados.json",
        "metagegevens.json", "metadane.json", "metadata(1).json", "метаданные.json", "メタデータ.json", "元数据.json", "메타데이터.json",
    };

    /// <summary>Suffixes Google appends to edited copies ("IMG_1234-edited.jpg"), in several languages.</summary>
    public static readonly string[] EditedSuffixes =
    [
        "-edited", "-bearbeitet", "-modifié", "-modificato", "-editado", "-editada", "-bewerkt", "-redigert",
        "-redigeret", "-redigerad", "-muokattu", "-edytowane", "-upraveno", "-upravené", "-szerkesztett",
        "-編集済み", "-已编辑", "-已編輯", "-편집됨", "-отредактировано", "-düzenlendi",
    ];

    private static readonly Dictionary<string, string> MimeByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".png"] = "image/png", [".gif"] = "image/gif",
        [".heic"] = "image/heic", [".heif"] = "image/heif", [".webp"] = "image/webp", [".bmp"] = "image/bmp",
        [".tif"] = "image/tiff", [".tiff"] = "image/tiff", [".dng"] = "image/x-adobe-dng", [".cr2"] = "image/x-canon-cr2",
        [".nef"] = "image/x-nikon-nef", [".arw"] = "image/x-sony-arw", [".raw"] = "image/x-raw",
        [".mp4"] = "video/mp4", [".m4v"] = "video/mp4", [".mov"] = "video/quicktime", [".qt"] = "video/quicktime",
        [".3gp"] = "video/3gpp", [".avi"] = "video/x-msvideo", [".mkv"] = "video/x-matroska", [".webm"] = "video/webm",
        [".mts"] = "video/mp2t", [".m2ts"] = "video/mp2t", [".wmv"] = "video/x-ms-wmv", [".mpg"] = "video/mpeg",
        [".mp"] = "video/mp4",
    };

    public static bool IsPhotosTop(string name) => IsPhotosTop(name.AsSpan());

    /// <summary><see cref="IsPhotosTop(string)"/> of a path's segment, without making it a string.</summary>
    public static bool IsPhotosTop(ReadOnlySpan<char> name) =>
        PhotosTopNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name)
        || name.Contains("photo", StringComparison.OrdinalIgnoreCase)
        || name.Contains("foto", StringComparison.OrdinalIgnoreCase);

    public static bool IsTrash(string folderName) => TrashNames.Contains(folderName);

    public static bool IsAlbumMetadata(string fileName) => AlbumMetadataNames.Contains(fileName.Normalize(NormalizationForm.FormC));

    /// <summary><see cref="IsAlbumMetadata(string)"/> of a path's last segment: an ASCII name (nearly all) is looked up without making it a string.</summary>
    public static bool IsAlbumMetadata(ReadOnlySpan<char> fileName) =>
        System.Text.Ascii.IsValid(fileName) ? AlbumMetadataNames.GetAlternateLookup<ReadOnlySpan<char>>().Contains(fileName) : IsAlbumMetadata(fileName.ToString());

    /// <summary>"Photos from 2019", "Fotos von 2019", "Photos de 2019", "2019年的照片"…: a short name around a year, not an album.</summary>
    public static bool IsYearFolder(string folderName) => YearFolder().IsMatch(folderName);

    public static bool IsJson(string fileName) => IsJson(fileName.AsSpan());

    public static bool IsJson(ReadOnlySpan<char> fileName) => fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    public static string MimeTypeOf(string fileName) =>
        MimeByExtension.GetValueOrDefault(Path.GetExtension(fileName)) ?? "application/octet-stream";

    /// <summary>A photo or video by its extension (what the library shows).</summary>
    public static bool IsMedia(string fileName) => MimeByExtension.ContainsKey(Path.GetExtension(fileName));

    public static bool IsVideo(string fileName) => MimeTypeOf(fileName).StartsWith("video/", StringComparison.Ordinal);

    public static bool IsJpeg(string fileName) => MimeTypeOf(fileName) == "image/jpeg";

    /// <summary>The original's base name when <paramref name="baseName"/> carries an edited-copy suffix; else null.</summary>
    public static string? StripEditedSuffix(string baseName)
    {
        var normalized = baseName.Normalize(NormalizationForm.FormC);
        foreach (var suffix in EditedSuffixes)
        {
            if (normalized.Length > suffix.Length && normalized.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return normalized[..^suffix.Length];
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?:\D{0,24}\s)?(?:19|20)\d{2}(?:\s?\D{0,12})?$")]
    private static partial Regex YearFolder();
}
