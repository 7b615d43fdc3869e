using GPhotosFs.Sources;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Google;

/// <summary>The connection a Google source's downloads go through, on the library's shared HTTP client.</summary>
internal static class GoogleContent
{
    /// <summary>Null when the source's config is unusable (logged): the mount still serves every other source; this one's files stay unreadable until the config is fixed.</summary>
    public static GoogleConnection? Connect(SourceContext context)
    {
        GoogleConnection connection;
        try
        {
            connection = new GoogleConnection(context.ConfigFolder, context.Health, context.Source.Id, context.Logger, context.Http);
        }
        catch (GoogleConfigException ex)
        {
            GoogleLog.SourceNotAvailable(context.Logger, context.Source.Name, ex.Message);
            return null;
        }

        context.Own(connection);
        connection.LibraryUrls.Neighbors = new CatalogNeighbors(context.Catalog, context.Source.Id).After;
        return connection;
    }
}
