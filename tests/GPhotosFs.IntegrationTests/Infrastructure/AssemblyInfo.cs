// Mount tests drive real daemons, signals and clients; running them one at a time keeps timings honest on 2 cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
