namespace GPhotosFs.Catalog;

/// <summary>What <see cref="LibraryCatalog.MarkMissing"/> changed.</summary>
/// <param name="NewlyMissing">Items that the source stopped listing and are now marked missing.</param>
/// <param name="Reappeared">Items marked missing before that the source lists again.</param>
public readonly record struct MissingItemsChange(int NewlyMissing, int Reappeared);
